import type { TaskRef } from '@weft/core';

export interface LoggedInput {
  readonly log: string;
  readonly ms: number;
  readonly value: string;
}
export declare function logged(input: LoggedInput): Promise<string>;
export declare const idempotentLoggedTask: TaskRef<LoggedInput, string>;
export declare const loggedTask: TaskRef<LoggedInput, string>;

import type { TaskRef } from '@weft/core';

export interface LoggedInput {
  readonly log: string;
  readonly ms: number;
  readonly value: unknown;
}
export declare function logged(input: LoggedInput): Promise<unknown>;
export declare const idempotentLoggedTask: TaskRef<LoggedInput, unknown>;
export declare const loggedTask: TaskRef<LoggedInput, unknown>;

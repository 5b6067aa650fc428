import type { Executor, TaskRef } from '@weft/core';
/** The pool the module starts as it loads. */
export const pool: Executor;
export function square(n: number): number;
export const squareTask: TaskRef<number, number>;

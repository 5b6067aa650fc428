/** @module option-checks — checks of numeric options, each failing with one line that names the option. */
import { WeftError } from './errors.js';

/** Checks a positive-integer option and says which one was wrong; returns it. */
export function checkPositiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new WeftError('INVALID_ARGUMENT', `${name} must be a positive integer (got ${value})`);
  }
  return value;
}

/** Checks an optional duration in ms: undefined, or a positive finite number. */
export function checkOptionalMs(name: string, ms: number | undefined): void {
  if (ms !== undefined && !(Number.isFinite(ms) && ms > 0)) {
    throw new WeftError('INVALID_ARGUMENT', `${name} must be a positive number of milliseconds (got ${ms})`);
  }
}

/** Checks a `timeoutMs` option: undefined, or a positive finite number. */
export function checkTimeout(timeoutMs: number | undefined): void {
  checkOptionalMs('timeoutMs', timeoutMs);
}

/** Checks a `maxQueue` option: undefined, or a non-negative integer. */
export function checkMaxQueue(maxQueue: number | undefined): void {
  if (maxQueue !== undefined && !(Number.isInteger(maxQueue) && maxQueue >= 0)) {
    throw new WeftError('INVALID_ARGUMENT', `maxQueue must be a non-negative integer (got ${maxQueue})`);
  }
}

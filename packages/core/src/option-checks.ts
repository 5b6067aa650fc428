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

/** True when `item` is an `ArrayBuffer` whose contents were transferred away (it then has 0 bytes and cannot be read). */
function isDetached(item: object): boolean {
  if (!(item instanceof ArrayBuffer)) return false;
  const detached = (item as { detached?: unknown }).detached;
  if (typeof detached === 'boolean') return detached;
  if (item.byteLength > 0) return false;
  try {
    new Uint8Array(item);
    return false;
  } catch {
    return true;
  }
}

/**
 * Checks a transfer list before anything is sent: an `ArrayBuffer` that was already transferred (detached) would
 * reach the task as 0 bytes in some runtimes and fail to send in others; here it fails the same way everywhere.
 */
export function checkTransferList(label: string, transfer: readonly object[]): void {
  for (const item of transfer) {
    if (isDetached(item)) {
      throw new WeftError(
        'INVALID_ARGUMENT',
        `cannot run ${label}: its transfer list holds an ArrayBuffer that was already transferred (detached); pass a buffer that still holds its data`,
        { task: label },
      );
    }
  }
}

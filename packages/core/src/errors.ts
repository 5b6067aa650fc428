/** @module errors — Weft's one error class, its codes, and how errors cross threads as plain data. */

/**
 * Every failure Weft reports on purpose has one of these codes.
 * Code is what callers branch on; the message is for people.
 */
export type WeftErrorCode =
  | 'INVALID_ARGUMENT'
  | 'TASK_NOT_FOUND'
  | 'TASK_FAILED'
  | 'WORKER_CRASHED'
  | 'ABORTED'
  | 'TIMEOUT'
  | 'QUEUE_FULL'
  | 'CLOSED'
  | 'UNAVAILABLE'
  | 'UNSUPPORTED'
  | 'DATA_CORRUPT'
  | 'SOURCE_FAILED'
  | 'INVALID_RESULTS';

/** Options accepted by {@link WeftError}. */
export interface WeftErrorOptions {
  /** The underlying error, if any. */
  readonly cause?: unknown;
  /** The task the error is about, when there is one (`module#export`). */
  readonly task?: string;
}

/**
 * The error Weft throws. Recognise it with {@link isWeftError} (works across threads and package copies,
 * where `instanceof` does not).
 *
 * @example
 * ```ts
 * try { await pool.run(task, input); }
 * catch (error) { if (isWeftError(error, 'TIMEOUT')) retry(); else throw error; }
 * ```
 */
export class WeftError extends Error {
  override readonly name = 'WeftError';
  /** What kind of failure this is. */
  readonly code: WeftErrorCode;
  /** The task the error is about, when there is one. */
  readonly task: string | undefined;

  constructor(code: WeftErrorCode, message: string, options: WeftErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.task = options.task;
  }
}

/** True when `error` is a {@link WeftError} (optionally with the given code), judged by `name` and `code`. */
export function isWeftError(error: unknown, code?: WeftErrorCode): error is WeftError {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; code?: unknown };
  return e.name === 'WeftError' && typeof e.code === 'string' && (code === undefined || e.code === code);
}

/** An error as plain, structured-clone-safe data. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
  readonly task?: string;
  readonly cause?: SerializedError;
}

/**
 * Turns any thrown value into {@link SerializedError} so it can cross a thread boundary. Never throws: a value whose
 * `name`, `message`, `stack`, `code` or `cause` cannot be read (a getter or proxy trap that throws, an object that
 * cannot be turned into a string) becomes a generic error that says so.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  try {
    if (typeof error === 'object' && error !== null) {
      // A thrown object's own toString is its best description ('[object Object]' when it has none).
      // eslint-disable-next-line @typescript-eslint/no-base-to-string
      if (!(error instanceof Error) && !('message' in error)) return { name: 'Error', message: String(error) };
      // Each read may run a getter or a proxy trap that throws: the catch below turns that into a generic error.
      const { name, message, stack, code, task, cause } = error as Record<string, unknown>;
      return {
        name: typeof name === 'string' ? name : 'Error',
        message: String(message),
        ...(typeof stack === 'string' ? { stack } : {}),
        ...(typeof code === 'string' ? { code } : {}),
        ...(typeof task === 'string' ? { task } : {}),
        ...(cause !== undefined && depth < 4 ? { cause: serializeError(cause, depth + 1) } : {}),
      };
    }
    return { name: 'Error', message: String(error) };
  } catch (readError) {
    let why = 'reading it threw';
    try {
      why = `reading it threw ${String((readError as { message?: unknown } | null)?.message ?? readError)}`;
    } catch {
      // The second error is unreadable too: keep the generic phrase.
    }
    return { name: 'Error', message: `the task threw an error that could not be read (${why})` };
  }
}

/** Rebuilds an `Error` (a {@link WeftError} when it was one) from {@link SerializedError}. */
export function deserializeError(data: SerializedError): Error {
  const cause = data.cause === undefined ? undefined : deserializeError(data.cause);
  let error: Error;
  if (data.name === 'WeftError' && data.code !== undefined) {
    error = new WeftError(data.code as WeftErrorCode, data.message, { cause, task: data.task });
  } else {
    error = new Error(data.message, cause === undefined ? undefined : { cause });
    if (data.name !== 'Error') Object.defineProperty(error, 'name', { value: data.name, configurable: true });
    if (data.code !== undefined) Object.assign(error, { code: data.code });
  }
  if (data.stack !== undefined) error.stack = data.stack;
  return error;
}

/** The message of an error, or the value as a string; never throws. */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return error.message;
    const message = (error as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : String(error);
  } catch {
    return 'an error that could not be read';
  }
}

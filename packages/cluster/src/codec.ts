/**
 * @module codec — how task inputs and results travel through Redis: MessagePack (typed arrays and `ArrayBuffer`s as
 * raw bytes, not JSON number arrays), base64 inside the job, with a size limit.
 */
import { WeftError } from '@weft/core';
import { Packr, addExtension } from 'msgpackr';

/** The default most bytes one encoded input or result may take (64 MiB). */
export const DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

// A SharedArrayBuffer cannot be shared across machines: it arrives as a new SharedArrayBuffer holding a copy.
addExtension({
  Class: SharedArrayBuffer,
  type: 0x57,
  write: (shared: SharedArrayBuffer) => new Uint8Array(shared),
  read: (bytes: Uint8Array) => {
    const shared = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(shared).set(bytes);
    return shared;
  },
});

const packr = new Packr({ structuredClone: true, moreTypes: true });

/**
 * Throws a `TypeError` naming the first value structured clone would refuse (a function or a symbol), so a payload
 * is refused as a worker pool would refuse it instead of losing members on the way. Skips the bytes of binary data.
 */
function checkCloneable(value: unknown, path: string, seen: Set<object>): void {
  if (typeof value === 'function' || typeof value === 'symbol') {
    throw new TypeError(`${path} is a ${typeof value}, which cannot be sent to another machine`);
  }
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || seen.has(value)) return;
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) return;
  seen.add(value);
  if (value instanceof Map) {
    for (const [key, item] of value) {
      checkCloneable(key, `${path} key`, seen);
      checkCloneable(item, `${path}.get(${String(key)})`, seen);
    }
  } else if (value instanceof Set) {
    for (const item of value) checkCloneable(item, `${path} member`, seen);
  } else {
    for (const key of Object.keys(value))
      checkCloneable((value as Record<string, unknown>)[key], `${path}.${key}`, seen);
  }
}

/**
 * Encodes `value` for a job: MessagePack bytes as base64.
 *
 * @param what - names the value in errors (`"the input of tasks.js#square"`)
 * @throws `TypeError` when the value holds a function or symbol; `RangeError` when it is over `maxBytes`
 */
export function encodePayload(value: unknown, what: string, maxBytes: number): string {
  checkCloneable(value, 'the value', new Set());
  const bytes = packr.pack(value);
  if (bytes.byteLength > maxBytes) {
    throw new RangeError(
      `${what} encodes to ${formatBytes(bytes.byteLength)}, over the cluster's limit of ${formatBytes(maxBytes)}`,
    );
  }
  return bytes.toString('base64');
}

/** Decodes what {@link encodePayload} made. Throws `DATA_CORRUPT` when the text is not such a payload. */
export function decodePayload(text: string): unknown {
  try {
    return packr.unpack(Buffer.from(text, 'base64'));
  } catch (cause) {
    throw new WeftError('DATA_CORRUPT', 'a cluster payload could not be decoded (was it written by @weft/cluster?)', {
      cause,
    });
  }
}

/** `1.5 MiB`, `512 B`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

import { describe, expect, it } from 'vitest';
import { isWeftError } from '@weft/core';
import { decodePayload, encodePayload, formatBytes } from './codec.js';

const roundTrip = (value: unknown) => decodePayload(encodePayload(value, 'the value', 1 << 20));

describe('cluster payloads', () => {
  it('keep what structured clone keeps: typed arrays, buffers, Map, Set, Date, undefined, NaN, bigint', () => {
    const value = {
      floats: new Float32Array([1.5, Number.NaN, -0]),
      bytes: new Uint8Array([1, 2, 3]).buffer,
      view: new Int16Array(new Int16Array([9, 8, 7, 6]).buffer, 2, 2),
      map: new Map<unknown, unknown>([[1, { deep: [1, 'x'] }]]),
      set: new Set(['a']),
      date: new Date(5),
      nothing: undefined,
      nan: Number.NaN,
      big: 12n,
      nested: [[1, 2], { x: null }],
    };
    const back = roundTrip(value) as typeof value;
    expect(back).toEqual(value);
    expect(back.floats).toBeInstanceOf(Float32Array);
    expect(back.map).toBeInstanceOf(Map);
    expect(Array.from(back.view)).toEqual([8, 7]);
  });

  it('carry a SharedArrayBuffer as a copy in a new SharedArrayBuffer', () => {
    const shared = new SharedArrayBuffer(4);
    new Int32Array(shared)[0] = 42;
    const back = roundTrip({ shared }) as { shared: SharedArrayBuffer };
    expect(back.shared).toBeInstanceOf(SharedArrayBuffer);
    expect(new Int32Array(back.shared)[0]).toBe(42);
  });

  it('send binary data as bytes: a million floats take about 4 MB encoded, not a JSON number array', () => {
    const text = encodePayload(new Float32Array(1_000_000), 'weights', 64 << 20);
    expect(Buffer.from(text, 'base64').byteLength).toBeLessThan(4_000_100);
  });

  it('refuse a function or a symbol, naming where it is, as structured clone would', () => {
    expect(() => encodePayload({ a: [{ f: () => 1 }] }, 'the input', 1 << 20)).toThrow(
      /the value\.a\.0\.f is a function/,
    );
    expect(() => encodePayload(new Map([['k', Symbol('s')]]), 'the input', 1 << 20)).toThrow(/symbol/);
  });

  it('refuse a payload over the limit with its size and the limit', () => {
    expect(() => encodePayload(new Uint8Array(2048), 'the input of t.js#f', 1024)).toThrow(
      /the input of t\.js#f encodes to 2\.0 KiB, over the cluster's limit of 1\.0 KiB/,
    );
  });

  it('reject text that is not a payload with DATA_CORRUPT', () => {
    let error: unknown;
    try {
      decodePayload('not base64 msgpack');
    } catch (e) {
      error = e;
    }
    expect(isWeftError(error, 'DATA_CORRUPT')).toBe(true);
  });

  it('formats sizes for messages', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(3 * 1024 * 1024)]).toEqual([
      '512 B',
      '1.5 KiB',
      '3.0 MiB',
    ]);
  });
});

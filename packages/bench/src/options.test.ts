import { describe, expect, it } from 'vitest';
import { parseOption, resolveOptions } from './options.js';
import type { OptionSpec } from './workload.js';

const spec = (kind: OptionSpec['kind'], choices?: string[]): OptionSpec => ({
  name: 'opt',
  kind,
  description: '',
  defaults: { smoke: kind === 'int-list' ? '1' : 'a', quick: kind === 'int-list' ? '1,2' : 'b', full: 'c' },
  ...(choices ? { choices } : {}),
});

describe('parseOption', () => {
  it('parses positive integers and lists of them, dropping repeats', () => {
    expect(parseOption(spec('positive-int'), '16')).toBe(16);
    expect(parseOption(spec('int-list'), '1,2,2,4')).toEqual([1, 2, 4]);
  });
  it.each(['0', '-1', '1.5', 'two', '', '1,,2'])('rejects "%s" where positive integers are expected', (text) => {
    expect(() => parseOption(spec('int-list'), text)).toThrow(
      /--opt must be a comma-separated list of positive integers/,
    );
  });
  it('checks choices', () => {
    expect(parseOption(spec('string-list', ['cpu', 'wasm']), 'wasm,cpu')).toEqual(['wasm', 'cpu']);
    expect(() => parseOption(spec('string-list', ['cpu', 'wasm']), 'cpu,gpu')).toThrow(
      /one of|list of cpu, wasm.*"cpu,gpu"/,
    );
    expect(() => parseOption(spec('string', ['a']), 'b')).toThrow(/--opt must be one of a/);
  });
  it('parses non-negative numbers', () => {
    expect(parseOption(spec('number'), '20.5')).toBe(20.5);
    expect(() => parseOption(spec('number'), '-3')).toThrow(/non-negative number/);
  });
});

describe('resolveOptions', () => {
  it('fills defaults from the profile and keeps given values', () => {
    const specs = [
      spec('int-list'),
      { ...spec('positive-int'), name: 'n', defaults: { smoke: '1', quick: '2', full: '3' } },
    ];
    expect(resolveOptions(specs, 'quick', { n: '9' })).toEqual({ opt: [1, 2], n: 9 });
    expect(resolveOptions(specs, 'smoke', {})).toEqual({ opt: [1], n: 1 });
  });
});

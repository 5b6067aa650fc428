/** @module options — parsing and checking workload options given on the command line. */
import { WeftError } from '@weft/core';
import type { OptionSpec, OptionValue, Profile } from './workload.js';

const invalid = (spec: OptionSpec, expected: string, text: string): WeftError =>
  new WeftError('INVALID_ARGUMENT', `--${spec.name} must be ${expected} (got "${text}")`);

function positiveInt(spec: OptionSpec, part: string, text: string): number {
  const value = Number(part);
  if (!/^\s*\d+\s*$/.test(part) || !Number.isSafeInteger(value) || value <= 0) {
    throw invalid(
      spec,
      spec.kind === 'int-list' ? 'a comma-separated list of positive integers' : 'a positive integer',
      text,
    );
  }
  return value;
}

function choice(spec: OptionSpec, part: string, text: string): string {
  const value = part.trim();
  if (spec.choices && !spec.choices.includes(value)) {
    throw invalid(
      spec,
      `${spec.kind === 'string-list' ? 'a comma-separated list of' : 'one of'} ${spec.choices.join(', ')}`,
      text,
    );
  }
  return value;
}

/** Parses one option's text by its kind; throws `INVALID_ARGUMENT` naming the option and the expected form. */
export function parseOption(spec: OptionSpec, text: string): OptionValue {
  const parts = text.split(',');
  switch (spec.kind) {
    case 'positive-int':
      return positiveInt(spec, text, text);
    case 'int-list':
      return [...new Set(parts.map((part) => positiveInt(spec, part, text)))];
    case 'number': {
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value) || value < 0)
        throw invalid(spec, 'a non-negative number', text);
      return value;
    }
    case 'string-list':
      return [...new Set(parts.map((part) => choice(spec, part, text)))];
    case 'string':
      return choice(spec, text, text);
  }
}

/**
 * Resolves every option of a workload: the given text where present, else the profile's default.
 * Names in `given` that the workload does not know are rejected by the caller's parser before this runs.
 */
export function resolveOptions(
  specs: readonly OptionSpec[],
  profile: Profile,
  given: Readonly<Record<string, string | undefined>>,
): Record<string, OptionValue> {
  return Object.fromEntries(
    specs.map((spec) => [spec.name, parseOption(spec, given[spec.name] ?? spec.defaults[profile])]),
  );
}

/** @module workload — what a workload of the study is, and the options it accepts. */
import type { CaseResult } from '@weft/core/study';
import type { WorkloadHost } from './workloads/host.js';

/** The study's profiles: `smoke` proves everything runs (seconds), `quick` is the default, `full` measures more. */
export type Profile = 'smoke' | 'quick' | 'full';

/** Profiles in order of size. */
export const PROFILES: readonly Profile[] = ['smoke', 'quick', 'full'];

/** The same default in every profile. */
export function everyProfile(value: string): Readonly<Record<Profile, string>> {
  return { smoke: value, quick: value, full: value };
}

/** A workload option's kind decides how its command-line text is parsed and checked. */
export type OptionKind = 'positive-int' | 'int-list' | 'number' | 'string-list' | 'string';

/** One option a workload accepts on the command line (`--name value`). */
export interface OptionSpec {
  readonly name: string;
  readonly kind: OptionKind;
  readonly description: string;
  /** Default per profile, written as on the command line (e.g. `'1,2,4'`). */
  readonly defaults: Readonly<Record<Profile, string>>;
  /** For `string-list` and `string`: the allowed values. */
  readonly choices?: readonly string[];
}

/** A parsed option value. */
export type OptionValue = number | string | readonly number[] | readonly string[];

/** What an option of `S` parses to: a number, numbers, or its choices (`resolveOptions` checks them). */
export type OptionValueOf<S extends OptionSpec> = S extends { readonly kind: 'positive-int' | 'number' }
  ? number
  : S extends { readonly kind: 'int-list' }
    ? readonly number[]
    : S extends { readonly kind: 'string-list'; readonly choices: readonly (infer C extends string)[] }
      ? readonly C[]
      : S extends { readonly kind: 'string-list' }
        ? readonly string[]
        : S extends { readonly choices: readonly (infer C extends string)[] }
          ? C
          : string;

/** A workload's parsed options, by name, typed from its specs: a misspelt option name does not compile. */
export type OptionsOf<Specs extends readonly OptionSpec[]> = {
  readonly [S in Specs[number] as S['name']]: OptionValueOf<S>;
};

/** What a workload gets when it runs. */
export interface WorkloadContext {
  readonly profile: Profile;
  /** Every option of the workload, parsed and checked, defaults filled in from the profile. */
  readonly options: Readonly<Record<string, OptionValue>>;
  /** Reports progress (a status line on a TTY, plain lines otherwise). */
  progress(message: string): void;
  /** What this runtime provides that only it can make (workers, pools): see `workloads/host.ts`. */
  readonly host: WorkloadHost;
}

/** A {@link WorkloadContext} whose options are typed from the workload's specs. */
export type TypedContext<Specs extends readonly OptionSpec[]> = Omit<WorkloadContext, 'options'> & {
  readonly options: OptionsOf<Specs>;
};

/** A workload of the study: it runs its cases and returns one result per case. */
export interface Workload {
  readonly name: string;
  /** The question the workload answers, one line. */
  readonly question: string;
  readonly options: readonly OptionSpec[];
  /**
   * Runs every case. A case that cannot run here is returned as `skipped` with a reason (a workload that cannot run
   * here at all may throw `UNSUPPORTED`: one `skipped` case); a case that breaks is returned as `failed` unless the
   * input itself is bad (then throw a `WeftError` with `INVALID_ARGUMENT` or `DATA_CORRUPT`, which aborts the run
   * with one clear line).
   */
  run(context: WorkloadContext): Promise<CaseResult[]>;
}

/** A workload as it is written: its `run` reads options typed from its own `options` specs. */
export interface WorkloadDefinition<Specs extends readonly OptionSpec[]> extends Omit<Workload, 'options' | 'run'> {
  readonly options: Specs;
  run(context: TypedContext<Specs>): Promise<CaseResult[]>;
}

/**
 * A {@link Workload} from its definition. The options a workload runs with are resolved from these same specs
 * (`resolveOptions`: parsed by kind, checked against the choices), so `run` reads them typed, without a cast.
 */
export function defineWorkload<const Specs extends readonly OptionSpec[]>(
  definition: WorkloadDefinition<Specs>,
): Workload {
  return {
    ...definition,
    run: (context) => definition.run(context as unknown as TypedContext<Specs>),
  };
}

/**
 * @module workloads/tfjs-modules — tfjs-core and tfjs-layers, imported when a workload first needs them. They are
 * optional peers of `@weft/bench` (with the backends), so that installing the command stays small and the
 * workloads without tfjs run without them; a workload that needs them and does not find them is skipped with the
 * install command.
 */
import { WeftError, describeError, type TfjsLayers } from '@weft/core';
import { probeTfjsBackend, type TfjsBackendName, type TfjsBackendProbe } from '@weft/node/tfjs';
import { installedVersion } from '../environment.js';
import type * as TfjsCoreModule from '@tensorflow/tfjs-core';
import type * as TfjsLayersModule from '@tensorflow/tfjs-layers';

/** tfjs-core's module. */
export type TfjsCore = typeof TfjsCoreModule;

/** The packages the training workloads need, as one install command. */
export const TFJS_INSTALL = 'npm install @tensorflow/tfjs-core @tensorflow/tfjs-layers @tensorflow/tfjs-backend-cpu';

/** tfjs-core, tfjs-layers, and both together as model factories receive them. */
export interface TfjsModules {
  readonly tfc: TfjsCore;
  readonly tfl: typeof TfjsLayersModule;
  readonly tf: TfjsLayers;
}

let loading: Promise<TfjsModules> | undefined;

/** Imports tfjs-core and tfjs-layers once; rejects with `UNSUPPORTED` and the install command when they cannot load. */
export function importTfjs(): Promise<TfjsModules> {
  loading ??= Promise.all([import('@tensorflow/tfjs-core'), import('@tensorflow/tfjs-layers')]).then(
    ([tfc, tfl]) => ({ tfc, tfl, tf: { ...tfc, ...tfl } as unknown as TfjsLayers }),
    (cause: unknown) => {
      loading = undefined;
      const missing = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'].some(
        (name) => installedVersion(name) === undefined,
      );
      const what = missing ? 'tfjs is not installed' : `cannot load tfjs (${describeError(cause).split('\n')[0]})`;
      throw new WeftError('UNSUPPORTED', `${what}: ${TFJS_INSTALL}`, { cause });
    },
  );
  return loading;
}

/**
 * `probeTfjsBackend` on the bench's tfjs-core: whether `name` can run in this process, or why not (`missing` with
 * the install command when tfjs itself is not installed). Never throws.
 */
export async function probeBackend(name: TfjsBackendName): Promise<TfjsBackendProbe> {
  let tfc: TfjsCore;
  try {
    ({ tfc } = await importTfjs());
  } catch (error) {
    return { name, status: 'missing', reason: (error as Error).message };
  }
  return probeTfjsBackend(tfc, name);
}

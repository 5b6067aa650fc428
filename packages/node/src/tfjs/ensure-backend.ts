/** @module tfjs/ensure-backend — selects a tfjs backend in this thread once, for task modules called many times. */
import { WeftError, describeError } from '@weft/core';
import { TFJS_BACKENDS, useTfjsBackend, type TfjsBackendName } from './backend.js';
import { isModuleNotFound } from './native.js';

const loadCore = () => import('@tensorflow/tfjs-core');
let core: ReturnType<typeof loadCore> | undefined;

/**
 * tfjs-core, imported once (it is an optional peer: importing this package needs none of tfjs); rejects with
 * `UNSUPPORTED` and the install command when it cannot load.
 */
function importTfjsCore(): ReturnType<typeof loadCore> {
  core ??= loadCore().catch((cause: unknown) => {
    core = undefined;
    const what = isModuleNotFound(cause)
      ? '@tensorflow/tfjs-core is not installed'
      : `cannot load @tensorflow/tfjs-core (${describeError(cause).split('\n')[0]})`;
    throw new WeftError('UNSUPPORTED', `${what}: npm install @tensorflow/tfjs-core`, { cause });
  });
  return core;
}

let selecting: { readonly name: string; readonly ready: Promise<unknown> } | undefined;

/**
 * Selects `name` on this package's `@tensorflow/tfjs-core` unless it is already selected in this thread, so that a
 * task module can call it at the start of every task (backend init happens once per thread). Throws `UNSUPPORTED`
 * for a name that is not a {@link TfjsBackendName} or when `@tensorflow/tfjs-core` is not installed, and as
 * {@link useTfjsBackend} does.
 */
export async function ensureTfjsBackend(name: string): Promise<void> {
  if (!TFJS_BACKENDS.includes(name as TfjsBackendName)) {
    throw new WeftError(
      'UNSUPPORTED',
      `tfjs backend must be one of ${TFJS_BACKENDS.join(', ')} (got ${JSON.stringify(name)})`,
    );
  }
  const registered = name === 'cuda' ? 'tensorflow' : name;
  const tf = await importTfjsCore();
  if (selecting?.name !== name || tf.getBackend() !== registered) {
    const ready = useTfjsBackend(tf, name as TfjsBackendName);
    selecting = { name, ready };
    ready.catch(() => {
      if (selecting?.ready === ready) selecting = undefined;
    });
  }
  await selecting.ready;
}

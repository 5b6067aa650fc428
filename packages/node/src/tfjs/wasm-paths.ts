/** @module tfjs/wasm-paths — where the installed `@tensorflow/tfjs-backend-wasm` keeps its `.wasm` binaries. */
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WeftError } from '@weft/core';

/**
 * The folder holding the installed `@tensorflow/tfjs-backend-wasm`'s `.wasm` files (its `dist/`), as a filesystem
 * path ending in a separator: what `setWasmPaths()` needs in Node. Resolved from this package's location, never
 * from the working directory. Throws `UNSUPPORTED` when the backend is not installed.
 *
 * @example
 * ```ts
 * import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
 * setWasmPaths(tfjsWasmDir());
 * ```
 */
export function tfjsWasmDir(): string {
  let manifest: string;
  try {
    manifest = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json');
  } catch (cause) {
    throw new WeftError(
      'UNSUPPORTED',
      'cannot find @tensorflow/tfjs-backend-wasm: install it (npm install @tensorflow/tfjs-backend-wasm)',
      { cause },
    );
  }
  return join(dirname(manifest), 'dist') + sep;
}

/** {@link tfjsWasmDir} as a `file:` URL ending in `/` (for runtimes that load wasm by URL). */
export function tfjsWasmDirUrl(): string {
  return pathToFileURL(tfjsWasmDir()).href.replace(/\/?$/, '/');
}

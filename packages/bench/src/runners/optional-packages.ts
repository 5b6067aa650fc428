/**
 * @module runners/optional-packages — an esbuild plugin for the browser study's bundle: an optional peer the page
 * imports lazily (a tfjs backend such as `@tensorflow/tfjs-backend-webgpu`) that is not installed becomes a module
 * whose import rejects with "not installed", instead of failing the whole bundle. The page's backend probe then
 * reports that backend missing, with the install command, and everything else runs.
 */
import type { Plugin } from 'esbuild';

/** The optional peers the browser study's page may import (tfjs itself only in the train and backends bundles). */
export const OPTIONAL_PAGE_PACKAGES: readonly string[] = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-webgl',
  '@tensorflow/tfjs-backend-webgpu',
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The plugin: each of `names` (or a path inside it) that `installed(name)` says is missing resolves to a stub whose
 * evaluation throws an `UNSUPPORTED` WeftError-shaped error, `<name> is not installed: npm install <name>`.
 */
export function optionalPackagesPlugin(names: readonly string[], installed: (name: string) => boolean): Plugin {
  const filter = new RegExp(`^(${names.map(escape).join('|')})(/.*)?$`);
  const packageOf = (specifier: string): string => specifier.split('/').slice(0, 2).join('/');
  return {
    name: 'weft-optional-packages',
    setup(build) {
      build.onResolve({ filter }, (args) =>
        installed(packageOf(args.path)) ? undefined : { path: packageOf(args.path), namespace: 'weft-missing' },
      );
      build.onLoad({ filter: /.*/, namespace: 'weft-missing' }, (args) => ({
        contents: `throw Object.assign(new Error(${JSON.stringify(`${args.path} is not installed: npm install ${args.path}`)}), { name: 'WeftError', code: 'UNSUPPORTED' });`,
        loader: 'js',
      }));
    },
  };
}

/** Whether `name` resolves from this module (the bench's own dependencies and their hoisted peers). */
export function resolvable(name: string): boolean {
  try {
    import.meta.resolve(name);
    return true;
  } catch {
    return false;
  }
}

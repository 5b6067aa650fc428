/**
 * @module task-names — task modules named so that every machine finds them: a file under the project root travels as
 * its path relative to that root, and each agent resolves it against its own root.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The scheme of a module named relative to the project root (`weft-root:dist/tasks.js`). */
const ROOT_SCHEME = 'weft-root:';

/**
 * The name a task module travels under: `weft-root:<path>` for a `file:` URL under `root`; anything else (a module
 * outside the root, a name given to `registerTaskModule`, an `https:` URL) travels unchanged and must resolve as it
 * is on every agent.
 */
export function portableModule(module: string, root: string): string {
  if (!module.startsWith('file:')) return module;
  const path = relative(root, fileURLToPath(module));
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return module;
  return ROOT_SCHEME + path.split(sep).join('/');
}

/** The module URL an agent started in `root` imports for a name made by {@link portableModule}. */
export function localModule(portable: string, root: string): string {
  if (!portable.startsWith(ROOT_SCHEME)) return portable;
  return pathToFileURL(resolve(root, portable.slice(ROOT_SCHEME.length))).href;
}

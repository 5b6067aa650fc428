/** @module shown-path — how the `weft` command names a file in its messages. */
import path from 'node:path';

/** `results/x.json` for paths under the working folder, the absolute path otherwise. */
export function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/**
 * VitePress data loader: the `weft study --help` text of the built `@weft/bench` (the docs build runs after the
 * packages' builds), so "Run it yourself" always shows the options the command really has.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineLoader } from 'vitepress';

declare const data: string;
export { data };

export default defineLoader({
  load(): string {
    const cli = path.join(
      path.dirname(createRequire(import.meta.url).resolve('@weft/bench/package.json')),
      'dist',
      'cli.js',
    );
    return execFileSync(process.execPath, [cli, 'study', '--help'], {
      encoding: 'utf8',
      env: { ...process.env, COLUMNS: '120', NO_COLOR: '1' },
    }).trimEnd();
  },
});

#!/usr/bin/env node
/**
 * @module check-packages — lints each publishable package as npm would publish it: packs it once, then runs
 * `publint` (package.json, `exports`, files) and `@arethetypeswrong/cli` (types resolution, ESM-only profile) on the
 * tarball. Prints one line per package and check, and exits non-zero when any check reports an error.
 *
 * Run after a build (`npx turbo run build`): `npm run check:packages`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['core', 'node', 'browser', 'cluster', 'bench'];
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** Runs a command, returns its exit status and combined output. */
function run(command, args, cwd = root) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}`.trim() };
}

const scratch = mkdtempSync(path.join(tmpdir(), 'weft-check-packages-'));
let failed = 0;
try {
  for (const name of PACKAGES) {
    const dir = path.join(root, 'packages', name);
    const pack = run('npm', ['pack', '--json', '--pack-destination', scratch], dir);
    if (pack.status !== 0) {
      console.log(`FAIL @weft/${name}: npm pack failed (build first: npx turbo run build)\n${pack.output}`);
      failed++;
      continue;
    }
    const tarball = path.join(scratch, JSON.parse(pack.output.slice(pack.output.indexOf('[')))[0].filename);
    const checks = [
      ['publint', run(bin('publint'), ['run', tarball, '--strict'])],
      [
        'attw',
        run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped', '--no-emoji', '--no-color']),
      ],
    ];
    for (const [check, result] of checks) {
      if (result.status === 0) {
        console.log(`ok   @weft/${name}: ${check}`);
      } else {
        failed++;
        console.log(`FAIL @weft/${name}: ${check}\n${result.output.replace(/^/gm, '     ')}`);
      }
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(failed === 0 ? 'all packages pass publint and attw' : `${failed} package check(s) failed`);
process.exitCode = failed === 0 ? 0 : 1;

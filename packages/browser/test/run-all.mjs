/* global process, console, URL */
// The package's `npm test`: Node-side unit tests (vitest), then the conformance suite, the executor cases and the
// fault soak in Chromium (vitest browser mode), Deno and Bun, each against the built dist. Chromium missing: a
// visible skip, or a failure when WEFT_REQUIRE_BROWSER=1 (CI). Deno and Bun come from the root devDependencies.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bin = join(packageDir, '..', '..', 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
const chromium = process.env.WEFT_CHROMIUM ?? '/usr/bin/chromium';
const requireBrowser = process.env.WEFT_REQUIRE_BROWSER === '1';

const failures = [];
/** Runs one step; `timeoutMs` kills it when it has not exited by then (a soak whose workers keep it alive). */
function step(name, command, args, timeoutMs) {
  console.log(`\n=== @weft/browser: ${name} ===`);
  const result = spawnSync(command, args, {
    cwd: packageDir,
    env,
    stdio: 'inherit',
    ...(timeoutMs ? { timeout: timeoutMs, killSignal: 'SIGKILL' } : {}),
  });
  if (result.error?.code === 'ETIMEDOUT')
    failures.push(
      `${name}: still running after ${timeoutMs / 60_000} min (a trial hung, or a worker kept the process alive)`,
    );
  else if (result.error) failures.push(`${name}: ${result.error.message}`);
  else if (result.status !== 0) failures.push(`${name}: exit code ${result.status}`);
}
const SOAK_LIMIT_MS = 10 * 60_000;

step('node unit tests (vitest)', join(bin, 'vitest'), ['run']);
if (existsSync(chromium)) {
  step(`chromium (${chromium}, vitest browser mode)`, join(bin, 'vitest'), ['run', '-c', 'vitest.browser.config.ts']);
} else if (requireBrowser) {
  failures.push(
    `chromium: not found at ${chromium} and WEFT_REQUIRE_BROWSER=1: run apt-get install -y chromium, or set WEFT_CHROMIUM`,
  );
} else {
  console.warn(
    `\n*** SKIPPED: the Chromium tests of @weft/browser: no Chromium at ${chromium}.` +
      ` Install it (apt-get install -y chromium) or set WEFT_CHROMIUM; set WEFT_REQUIRE_BROWSER=1 to make this a failure. ***\n`,
  );
}
step('deno', join(bin, 'deno'), ['test', '-A', '--no-check', 'test/deno/']);
step('bun', join(bin, 'bun'), ['test/bun/run.ts']);
step('deno fault soak', join(bin, 'deno'), ['run', '-A', '--no-check', 'test/soak-main.ts'], SOAK_LIMIT_MS);
step('bun fault soak', join(bin, 'bun'), ['test/soak-main.ts'], SOAK_LIMIT_MS);

if (failures.length > 0) {
  console.error(`\n@weft/browser tests failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}

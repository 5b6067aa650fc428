/* global process, console, URL */
// The package's `npm test`: Node-side unit tests (vitest), then the conformance suite and executor cases in
// Chromium (vitest browser mode), Deno and Bun, each against the built dist. Chromium missing: a visible skip,
// or a failure when WEFT_REQUIRE_BROWSER=1 (CI). Deno and Bun come from the root devDependencies.
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
function step(name, command, args) {
  console.log(`\n=== @weft/browser: ${name} ===`);
  const result = spawnSync(command, args, { cwd: packageDir, env, stdio: 'inherit' });
  if (result.error) failures.push(`${name}: ${result.error.message}`);
  else if (result.status !== 0) failures.push(`${name}: exit code ${result.status}`);
}

step('node unit tests (vitest)', join(bin, 'vitest'), ['run']);
if (existsSync(chromium)) {
  step(`chromium (${chromium}, vitest browser mode)`, join(bin, 'vitest'), ['run', '-c', 'vitest.browser.config.ts']);
} else if (requireBrowser) {
  failures.push(`chromium: not found at ${chromium} and WEFT_REQUIRE_BROWSER=1: run apt-get install -y chromium, or set WEFT_CHROMIUM`);
} else {
  console.warn(
    `\n*** SKIPPED: the Chromium tests of @weft/browser: no Chromium at ${chromium}.` +
      ` Install it (apt-get install -y chromium) or set WEFT_CHROMIUM; set WEFT_REQUIRE_BROWSER=1 to make this a failure. ***\n`,
  );
}
step('deno', join(bin, 'deno'), ['test', '-A', '--no-check', 'test/deno/']);
step('bun', join(bin, 'bun'), ['test/bun/run.ts']);

if (failures.length > 0) {
  console.error(`\n@weft/browser tests failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}

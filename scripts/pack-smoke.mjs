#!/usr/bin/env node
/**
 * @module pack-smoke — tests the packages as a stranger gets them from npm. Packs `@weft/core`, `@weft/node`,
 * `@weft/browser` and `@weft/bench` with `npm pack`, installs the four tarballs into a scratch project in a temporary
 * folder (outside the repository, so nothing resolves to the workspace), then runs one small task:
 *
 * - node: through the packed `@weft/node`, on worker_threads (`nodeThreadsExecutor`) and on child processes
 *   (`nodeProcessExecutor`);
 * - deno, bun: through the packed `@weft/browser` (`webWorkerExecutor` on the runtime's global `Worker`);
 * - chromium: through the packed `@weft/browser` in headless Chromium (playwright-core), the scratch project served
 *   over 127.0.0.1 with COOP/COEP and an import map, so the executor starts its worker from the published
 *   `new URL('./worker.js', import.meta.url)`;
 * - bin: `npx weft --help` from the packed `@weft/bench`;
 * - install size: the scratch project's `node_modules` (the four packages and their required dependencies), and
 *   `weft study` there without tfjs (the workloads that need it skipped with the install command);
 * - with playwright-core, esbuild and Vite then installed as a user would: the bundling recipe of `@weft/browser`
 *   (`packages/browser/examples/bundling`) built with esbuild and with Vite and run in Chromium; a page bundled the
 *   obvious way (tasks inlined) failing with a clear error rather than starting workers without end; and
 *   `npx weft study --runtimes chromium` from the packed `@weft/bench`.
 *
 * Each check asserts the task's results and that they were computed in another realm (a worker), prints one line,
 * and the script ends with "N passed, M failed", exiting non-zero on any failure. Build first (`npx turbo run build`).
 *
 * Environment: `WEFT_CHROMIUM` (default `/usr/bin/chromium`); a missing Chromium is a skip, or a failure when
 * `WEFT_REQUIRE_BROWSER=1` (CI). `WEFT_KEEP_SCRATCH=1` keeps the scratch folder and prints its path.
 */
import { spawnSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPage, serve } from './pack-smoke-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['core', 'node', 'browser', 'bench'];
const RUNTIME_TIMEOUT_MS = 90_000;
const INPUTS = [1, 2, 3, 4, 5, 6, 7, 8];
/** Most megabytes a fresh install of the four tarballs may take (tfjs and the other heavy packages are optional peers). */
const INSTALL_LIMIT_MB = 60;
const EXPECTED = JSON.stringify(INPUTS.map((n) => ({ square: n * n, inWorker: true })));

/** Runs a command to completion (with a kill-on-hang timeout); returns its status and combined output. */
function run(command, args, cwd, timeoutMs = RUNTIME_TIMEOUT_MS) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', npm_config_update_notifier: 'false' },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.error) return { status: 1, output: `${result.error.message}\n${output}` };
  if (result.signal) return { status: 1, output: `killed by ${result.signal} after ${timeoutMs} ms\n${output}` };
  return { status: result.status ?? 1, output };
}

/** Like {@link run}, but without blocking the event loop (the Chromium check serves files meanwhile). */
function runAsync(command, args, cwd, timeoutMs = RUNTIME_TIMEOUT_MS) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: 1, output: `${error.message}\n${output}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ status: signal ? 1 : (code ?? 1), output: `${signal ? `killed by ${signal}\n` : ''}${output}`.trim() });
    });
  });
}

/** The last lines of a failing command's output, indented under its result line. */
const tail = (output) =>
  output
    .split('\n')
    .slice(-25)
    .map((line) => `     ${line}`)
    .join('\n');

// ---------------------------------------------------------------------------------------------------------------
// The scratch project: its task modules and one entry per runtime.

/** Uses `@weft/core` from the worker too, so a task module importing the package is covered. */
const TASKS_MJS = `import { defineTask } from '@weft/core';
/** Squares n and says whether it ran in another realm than the caller (which set globalThis.weftCaller). */
export function square(n) { return { square: n * n, inWorker: globalThis.weftCaller !== true }; }
export const squareTask = defineTask(import.meta.url, 'square');
`;

/** For Chromium: a module worker does not see the page's import map, so this task module has no bare imports. */
const BROWSER_TASKS_MJS = `export function square(n) { return { square: n * n, inWorker: globalThis.weftCaller !== true }; }
`;

/** The Node check's script, on the named executor of `@weft/node`. */
const nodeMain = (executor) => `import { ${executor} } from '@weft/node';
import { squareTask } from './tasks.mjs';
globalThis.weftCaller = true;
const pool = ${executor}({ size: 2 });
try {
  console.log('RESULT ' + JSON.stringify(await pool.map(squareTask, ${JSON.stringify(INPUTS)})));
} finally {
  await pool.close();
}
`;

const WEB_MAIN = `import { webWorkerExecutor } from '@weft/browser';
import { squareTask } from './tasks.mjs';
globalThis.weftCaller = true;
const pool = webWorkerExecutor({ size: 2 });
try {
  console.log('RESULT ' + JSON.stringify(await pool.map(squareTask, ${JSON.stringify(INPUTS)})));
} finally {
  await pool.close();
}
`;

const PAGE_MAIN = `import { defineTask } from '@weft/core';
import { webWorkerExecutor } from '@weft/browser';
globalThis.weftCaller = true;
const squareTask = defineTask(new URL('./browser-tasks.mjs', import.meta.url), 'square');
try {
  const pool = webWorkerExecutor({ size: 2 });
  try {
    window.weftResult = { ok: true, value: await pool.map(squareTask, ${JSON.stringify(INPUTS)}) };
  } finally {
    await pool.close();
  }
} catch (error) {
  window.weftResult = { ok: false, error: String(error && error.stack || error) };
}
`;

const PAGE_HTML = `<!doctype html>
<meta charset="utf-8">
<title>weft pack smoke</title>
<link rel="icon" href="data:,">
<script type="importmap">
{ "imports": {
  "@weft/core": "/node_modules/@weft/core/dist/index.js",
  "@weft/core/adapter": "/node_modules/@weft/core/dist/adapter.js",
  "@weft/browser": "/node_modules/@weft/browser/dist/index.js"
} }
</script>
<script type="module" src="/page-main.mjs"></script>
`;

/** Checks a runtime's printed `RESULT [...]` line against the expected squares, all computed in workers. */
function checkResultLine(output) {
  const line = output.split('\n').find((l) => l.startsWith('RESULT '));
  if (line === undefined) return 'printed no RESULT line';
  const got = line.slice('RESULT '.length);
  return got === EXPECTED ? undefined : `expected ${EXPECTED}, got ${got}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Chromium checks: the hand-written page (import map), the bundling recipe, and the weft study.

/** Runs the import-map page in headless Chromium; returns an error message, or undefined when the results are right. */
async function checkChromium(app, executable) {
  const esbuild = await import('esbuild');
  // Module workers do not see the page's import map, so the published worker entry (which imports @weft/core) is
  // answered bundled by esbuild, as an app's bundler would; every other file is served as packed.
  const server = await serve(app, async (pathname, file) => {
    if (pathname !== '/node_modules/@weft/browser/dist/worker.js') return undefined;
    const built = await esbuild.build({
      entryPoints: [file],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    return built.outputFiles[0].contents;
  });
  return checkServedPage(server, executable);
}

/** Runs a built page folder in Chromium: undefined when it computed the squares in workers. */
async function checkBuiltPage(dir, executable) {
  return checkServedPage(await serve(dir), executable);
}

/** Opens a served page in Chromium, then closes the server: undefined when it computed the squares in workers. */
async function checkServedPage(server, executable) {
  try {
    const { result, problems } = await runPage(executable, `${server.origin}/`);
    if (!result.ok) return `the page failed: ${result.error}\n${problems.join('\n')}`;
    const got = JSON.stringify(result.value);
    if (got !== EXPECTED) return `expected ${EXPECTED}, got ${got}`;
    return problems.length === 0 ? undefined : problems.join('\n');
  } finally {
    await server.close();
  }
}

/**
 * The page bundled the obvious way: its tasks inlined, so their module URL is the page bundle's. Each worker imports
 * the page to find a task; the page starts a pool as it loads, which must fail that import with a clear error
 * instead of starting workers without end.
 */
async function checkObviousBundle(dir, executable) {
  const server = await serve(dir);
  try {
    const { result, workers } = await runPage(executable, `${server.origin}/`);
    if (result.ok) return `expected the task to fail, got ${JSON.stringify(result.value)}`;
    if (!/^TASK_NOT_FOUND: .*starts a pool when it loads/.test(result.error))
      return `expected TASK_NOT_FOUND saying the module starts a pool, got: ${result.error}`;
    return workers <= 2 ? undefined : `the page started ${workers} workers (pool size 2)`;
  } finally {
    await server.close();
  }
}

/** The obvious page: tasks imported by the page, defined by their own import.meta.url. */
const OBVIOUS_TASKS = `import { defineTask } from '@weft/core';
export function square(n) { return { square: n * n, inWorker: typeof window === 'undefined' }; }
export const squareTask = defineTask(import.meta.url, 'square');
`;
const OBVIOUS_MAIN = `import { webWorkerExecutor } from '@weft/browser';
import { squareTask } from './tasks.js';
const pool = webWorkerExecutor({ size: 2 });
try {
  window.weftResult = { ok: true, value: await pool.map(squareTask, ${JSON.stringify(INPUTS)}) };
} catch (error) {
  window.weftResult = { ok: false, error: \`\${error.code}: \${error.message}\` };
} finally {
  await pool.close();
}
`;

/** Size of a folder in bytes (files only; links not followed). */
function folderBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------------------

const scratch = mkdtempSync(path.join(tmpdir(), 'weft-pack-smoke-'));
const results = [];

/** Records one check's outcome and prints its line. */
function report(name, error, detail = '') {
  results.push({ name, ok: error === undefined });
  if (error === undefined) console.log(`ok   ${name}${detail ? `: ${detail}` : ''}`);
  else console.log(`FAIL ${name}: ${error}`);
}

try {
  // 1. Pack every package.
  const tarballs = {};
  for (const name of PACKAGES) {
    const packed = run('npm', ['pack', '--json', '--pack-destination', scratch], path.join(root, 'packages', name));
    if (packed.status !== 0)
      throw new Error(`npm pack failed for @weft/${name} (build first: npx turbo run build)\n${tail(packed.output)}`);
    tarballs[`@weft/${name}`] = `file:../${JSON.parse(packed.output.slice(packed.output.indexOf('[')))[0].filename}`;
  }

  // 2. A scratch project that depends on the tarballs only; overrides keep every @weft/* on them, never the registry.
  const app = path.join(scratch, 'app');
  mkdirSync(app);
  const manifest = {
    name: 'weft-pack-smoke',
    private: true,
    type: 'module',
    dependencies: tarballs,
    overrides: Object.fromEntries(Object.keys(tarballs).map((name) => [name, `$${name}`])),
  };
  writeFileSync(path.join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const install = run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'],
    app,
    300_000,
  );
  if (install.status !== 0) throw new Error(`npm install of the tarballs failed\n${tail(install.output)}`);
  for (const name of Object.keys(tarballs)) {
    const installed = JSON.parse(readFileSync(path.join(app, 'node_modules', name, 'package.json'), 'utf8'));
    const lock = JSON.parse(readFileSync(path.join(app, 'package-lock.json'), 'utf8'));
    const resolved = lock.packages[`node_modules/${name}`]?.resolved ?? '';
    if (installed.version === undefined || !resolved.startsWith('file:')) {
      throw new Error(`${name} was not installed from its tarball (resolved: ${resolved || 'nothing'})`);
    }
  }
  report('install', undefined, `${Object.keys(tarballs).length} tarballs into ${app}`);
  const installedMb = folderBytes(path.join(app, 'node_modules')) / 1e6;
  report(
    'install size (@weft/bench and its dependencies)',
    installedMb <= INSTALL_LIMIT_MB
      ? undefined
      : `${installedMb.toFixed(0)} MB, over the ${INSTALL_LIMIT_MB} MB this check allows`,
    `${installedMb.toFixed(0)} MB of node_modules (limit ${INSTALL_LIMIT_MB} MB)`,
  );

  writeFileSync(path.join(app, 'tasks.mjs'), TASKS_MJS);
  writeFileSync(path.join(app, 'browser-tasks.mjs'), BROWSER_TASKS_MJS);
  writeFileSync(path.join(app, 'node-main.mjs'), nodeMain('nodeThreadsExecutor'));
  writeFileSync(path.join(app, 'node-process-main.mjs'), nodeMain('nodeProcessExecutor'));
  writeFileSync(path.join(app, 'web-main.mjs'), WEB_MAIN);
  writeFileSync(path.join(app, 'page-main.mjs'), PAGE_MAIN);
  writeFileSync(path.join(app, 'index.html'), PAGE_HTML);

  // 3. One task per runtime.
  const node = run(process.execPath, ['node-main.mjs'], app);
  report(
    'node (@weft/node, worker_threads)',
    node.status === 0 ? checkResultLine(node.output) : `exit ${node.status}\n${tail(node.output)}`,
    `node ${process.version}`,
  );
  const processes = run(process.execPath, ['node-process-main.mjs'], app);
  report(
    'node (@weft/node, child processes)',
    processes.status === 0 ? checkResultLine(processes.output) : `exit ${processes.status}\n${tail(processes.output)}`,
    `node ${process.version}`,
  );

  const bin = (name) => path.join(root, 'node_modules', '.bin', name);
  const runtimes = [
    [
      'deno (@weft/browser, Web Workers)',
      process.env.WEFT_DENO ?? bin('deno'),
      ['run', '-A', 'web-main.mjs'],
      ['--version'],
    ],
    ['bun (@weft/browser, Web Workers)', process.env.WEFT_BUN ?? bin('bun'), ['web-main.mjs'], ['--version']],
  ];
  for (const [name, executable, args, versionArgs] of runtimes) {
    if (!existsSync(executable)) {
      report(name, `${executable} not found (npm ci installs it at the repository root)`);
      continue;
    }
    const version = run(executable, versionArgs, app).output.split('\n')[0];
    const result = run(executable, args, app);
    report(
      name,
      result.status === 0 ? checkResultLine(result.output) : `exit ${result.status}\n${tail(result.output)}`,
      version,
    );
  }

  const chromiumPath = process.env.WEFT_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(chromiumPath)) {
    let error;
    try {
      error = await checkChromium(app, chromiumPath);
    } catch (cause) {
      error = String(cause?.stack ?? cause);
    }
    report('chromium (@weft/browser, Web Workers, COOP/COEP page)', error, chromiumPath);
  } else if (process.env.WEFT_REQUIRE_BROWSER === '1') {
    report('chromium (@weft/browser)', `${chromiumPath} not found (install Debian's chromium or set WEFT_CHROMIUM)`);
  } else {
    console.log(
      `skip chromium: ${chromiumPath} not found (set WEFT_CHROMIUM; WEFT_REQUIRE_BROWSER=1 makes this a failure)`,
    );
  }

  const help = await runAsync('npx', ['--no-install', 'weft', '--help'], app);
  report(
    'bin (npx weft --help from @weft/bench)',
    help.status !== 0
      ? `exit ${help.status}\n${tail(help.output)}`
      : /\bstudy\b/.test(help.output) && /\bdoctor\b/.test(help.output)
        ? undefined
        : `help does not list study and doctor:\n${tail(help.output)}`,
  );

  // 4. The study without the optional peers (no tfjs): the workloads that need tfjs are skipped with the install
  // command, the others run, and the study succeeds.
  const bare = await runAsync(
    'npx',
    [
      '--no-install',
      'weft',
      'study',
      '--runtimes',
      'node',
      '--profile',
      'smoke',
      '--workloads',
      'dispatch,train',
      '--out',
      'node-study',
    ],
    app,
    300_000,
  );
  let bareError = bare.status === 0 ? undefined : `exit ${bare.status}\n${tail(bare.output)}`;
  if (bareError === undefined) {
    const manifest = JSON.parse(readFileSync(path.join(app, 'node-study', 'study.json'), 'utf8'));
    const outcome = manifest.outcomes?.find((o) => o.runtime === 'node');
    const results =
      outcome?.results === undefined
        ? undefined
        : JSON.parse(readFileSync(path.join(app, 'node-study', outcome.results), 'utf8'));
    const train = results?.cases.filter((c) => c.workload === 'train') ?? [];
    const dispatch = results?.cases.filter((c) => c.workload === 'dispatch' && c.status === 'ok') ?? [];
    if (dispatch.length === 0) bareError = `no dispatch case ran: ${JSON.stringify(outcome)}`;
    else if (
      train.length === 0 ||
      train.some(
        (c) =>
          c.status !== 'skipped' ||
          c.reason !==
            'tfjs is not installed: npm install @tensorflow/tfjs-core @tensorflow/tfjs-layers @tensorflow/tfjs-backend-cpu',
      )
    ) {
      bareError = `train should be skipped with the tfjs install command: ${JSON.stringify(train)}`;
    }
  }
  report('weft study without tfjs installed (train skipped with the install command)', bareError);

  // 5. What needs the optional tools, installed as a user would (the versions the workspace uses).
  const versionOf = (name) =>
    JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  const tools = ['playwright-core', 'esbuild', 'vite'].map((name) => `${name}@${versionOf(name)}`);
  const toolsInstall = run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      '--loglevel=error',
      '--save-dev',
      ...tools,
    ],
    app,
    300_000,
  );
  if (toolsInstall.status !== 0) throw new Error(`npm install ${tools.join(' ')} failed\n${tail(toolsInstall.output)}`);

  if (existsSync(chromiumPath)) {
    const recipe = path.join(app, 'bundling');
    cpSync(path.join(root, 'packages', 'browser', 'examples', 'bundling'), recipe, { recursive: true });
    const esbuilt = run(process.execPath, ['esbuild.mjs'], recipe);
    report(
      'bundling recipe, esbuild (packages/browser/examples/bundling)',
      esbuilt.status !== 0
        ? `node esbuild.mjs: exit ${esbuilt.status}\n${tail(esbuilt.output)}`
        : await checkBuiltPage(path.join(recipe, 'dist-esbuild'), chromiumPath),
    );
    const vited = run('npx', ['--no-install', 'vite', 'build', '--logLevel', 'warn'], recipe, 180_000);
    report(
      'bundling recipe, Vite (packages/browser/examples/bundling)',
      vited.status !== 0
        ? `npx vite build: exit ${vited.status}\n${tail(vited.output)}`
        : await checkBuiltPage(path.join(recipe, 'dist-vite'), chromiumPath),
    );

    const obvious = path.join(app, 'obvious');
    mkdirSync(obvious);
    writeFileSync(path.join(obvious, 'tasks.js'), OBVIOUS_TASKS);
    writeFileSync(path.join(obvious, 'main.js'), OBVIOUS_MAIN);
    const esbuild = await import('esbuild');
    await esbuild.build({
      absWorkingDir: obvious,
      entryPoints: { main: 'main.js', worker: '@weft/browser/worker' },
      bundle: true,
      format: 'esm',
      outdir: 'dist',
      logLevel: 'silent',
    });
    writeFileSync(
      path.join(obvious, 'dist', 'index.html'),
      '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="./main.js"></script>\n',
    );
    report(
      'a page bundled with its tasks inlined fails with a clear error, no runaway workers',
      await checkObviousBundle(path.join(obvious, 'dist'), chromiumPath),
    );

    const study = await runAsync(
      'npx',
      [
        '--no-install',
        'weft',
        'study',
        '--runtimes',
        'chromium',
        '--profile',
        'smoke',
        '--workloads',
        'dispatch',
        '--out',
        'chromium-study',
      ],
      app,
      300_000,
    );
    let studyError = study.status === 0 ? undefined : `exit ${study.status}\n${tail(study.output)}`;
    if (studyError === undefined) {
      const manifest = JSON.parse(readFileSync(path.join(app, 'chromium-study', 'study.json'), 'utf8'));
      const outcome = manifest.outcomes?.find((o) => o.runtime === 'chromium');
      if (outcome?.status !== 'ok') studyError = `the chromium run did not succeed: ${JSON.stringify(outcome)}`;
    }
    report('weft study --runtimes chromium from the tarball', studyError);
  }
} catch (error) {
  report('setup', error.message);
} finally {
  if (process.env.WEFT_KEEP_SCRATCH === '1') console.log(`scratch kept: ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}

const passed = results.filter((r) => r.ok).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exitCode = results.length > 0 && passed === results.length ? 0 : 1;

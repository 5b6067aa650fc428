/* global process, console, fetch, Buffer, URL, document, window, getComputedStyle */
// The docs site in a real browser: builds the site if it is not built, serves the built dist on 127.0.0.1, opens
// every page in headless Chromium (playwright-core, Weft's launch flags) and fails on a console error, a broken
// internal link, a chart that did not draw, or text a missing number left behind; then opens the reference results
// in the explorer (by URL and by file picker), checks a bad file's one-line error, and saves screenshots of the
// results (test-results/results.png), the guide's overview (overview.png) and its library section (library.png).
// Every chart must have an axis and a whisker per bar; every measured number its n and spread; every stated
// conclusion must hold in each committed run it was compared over. Without Chromium the browser part is skipped
// with a notice, or fails when WEFT_REQUIRE_BROWSER=1 (CI).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS, CHROMIUM_INSTALL, chromiumPath } from '@weft/bench/chromium';
import { serveStatic } from './static-server.mjs';

const docs = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(docs, '.vitepress', 'dist');
const artefacts = path.join(docs, 'test-results');
const requireBrowser = process.env.WEFT_REQUIRE_BROWSER === '1';

/** Pages that must draw at least this many charts (the guide's claims each come with one). */
const MIN_CHARTS = {
  '/guide/event-loop.html': 2,
  '/guide/io.html': 1,
  '/guide/worker-pools.html': 3,
  '/guide/combining.html': 1,
  '/guide/runtimes.html': 3,
  '/results/index.html': 2,
};

if (!existsSync(path.join(dist, 'index.html'))) {
  console.log('docs: no built site yet, building it (npm run build)');
  const build = spawnSync('npm', ['run', 'build'], { cwd: docs, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('docs: the site does not build: npm run build -w docs');
}

/** Every page of the built site, as a URL path (the copied reference data is not a page). */
function pages(dir = dist, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return rel === '/data' || rel === '/assets' ? [] : pages(path.join(dir, entry.name), rel);
    return entry.name.endsWith('.html') && rel !== '/404.html' ? [rel] : [];
  });
}

const executable = chromiumPath();
const haveChromium = executable !== undefined && existsSync(executable);
if (!haveChromium && !requireBrowser) {
  console.warn(
    `\n*** SKIPPED: the docs site's browser test: no Chromium found. Install it: ${CHROMIUM_INSTALL}; set WEFT_REQUIRE_BROWSER=1 to make this a failure. ***\n`,
  );
}

describe('the built docs site', () => {
  it('has the guide, run-it-yourself, results, explorer and API pages', () => {
    const all = pages();
    for (const page of [
      '/index.html',
      '/guide/index.html',
      '/guide/library.html',
      '/run-it-yourself.html',
      '/results/index.html',
      '/results/explorer.html',
      '/api/index.html',
    ]) {
      assert.ok(all.includes(page), `${page} is missing from the built site`);
    }
    for (const api of [
      'core',
      'core/adapter',
      'core/study',
      'node',
      'node/tfjs',
      'browser',
      'browser/tfjs',
      'cluster',
      'cluster/local',
      'core/testing',
      'core/testing/conformance',
      'core/testing/fault-soak',
      'node/worker',
      'node/process-worker',
      'bench/report',
      'bench/chromium',
    ])
      assert.ok(all.includes(`/api/@weft/${api}/index.html`), `the API reference has no @weft/${api} page`);
    assert.ok(
      existsSync(path.join(dist, 'data', 'node-quick', 'study.json')),
      'the reference data is not served with the site',
    );
  });

  it('shows the reference numbers from apps/docs/data in the guide', () => {
    const html = readFileSync(path.join(dist, 'guide', 'worker-pools.html'), 'utf8');
    const node = JSON.parse(readFileSync(path.join(docs, 'data', 'node-quick', 'node.json'), 'utf8'));
    const weft = node.cases.find((c) => c.strategy === 'weft-throughput');
    const shown = Math.round(weft.metrics.tasksPerSecond).toLocaleString('en-US');
    assert.ok(html.includes(shown), `worker-pools does not show the reference run's ${shown} tasks/s`);
  });
});

describe(
  'the docs site in headless Chromium',
  { skip: !haveChromium && !requireBrowser ? 'no Chromium (see the notice above)' : false },
  () => {
    let browser;
    let server;
    before(async () => {
      assert.ok(haveChromium, `WEFT_REQUIRE_BROWSER=1 but no Chromium: ${CHROMIUM_INSTALL}`);
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: executable, headless: true, args: [...CHROMIUM_FLAGS] });
      server = await serveStatic(dist);
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    /**
     * A browser tab (`tab`, given a new page) that records the console errors, page errors and failed requests of
     * the page it shows; `load` empties the record and navigates.
     */
    async function newTab(tab = { page: undefined, errors: [] }) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      tab.page = page;
      page.on('console', (m) => m.type() === 'error' && tab.errors.push(`console: ${m.text()}`));
      page.on('pageerror', (e) => tab.errors.push(`page error: ${e.message}`));
      page.on('response', (r) => r.status() >= 400 && tab.errors.push(`HTTP ${r.status()} for ${r.url()}`));
      return tab;
    }

    /**
     * Shows `url` in `tab`. The API reference's many generated pages wait for `load`, the rest until the network is
     * idle (charts, prefetches).
     */
    async function load(tab, url) {
      tab.errors = [];
      await tab.page.goto(url, { waitUntil: new URL(url).pathname.startsWith('/api/') ? 'load' : 'networkidle' });
      return tab;
    }

    /** Opens `url` in a new tab: the page and the errors it logged. */
    async function open(url) {
      return load(await newTab(), url);
    }

    /**
     * The charts (inline SVG with role=img) in the page's content, each with how many visible marks it drew and, when
     * it drew none, what the page showed instead (for the failure message). A page still hydrating on a loaded machine
     * gets up to 10 s to lay its charts out; a chart that never does is still reported.
     */
    async function chartsOf(page) {
      const drawn = () =>
        [...document.querySelectorAll('.vp-doc svg[role="img"]')].every((svg) => {
          const box = svg.getBoundingClientRect();
          return box.width > 0 && box.height > 0;
        });
      if ((await page.$$('.vp-doc svg[role="img"]')).length === 0) return [];
      await page.waitForFunction(drawn, null, { timeout: 10_000 }).catch(() => {});
      return page.$$eval('.vp-doc svg[role="img"]', (svgs) =>
        svgs.map((svg) => {
          const marks = [...svg.querySelectorAll('rect, path, circle')].filter((m) => {
            const box = m.getBBox();
            return box.width > 0 || box.height > 0;
          });
          const box = svg.getBoundingClientRect();
          let hiddenBy = '';
          for (let e = svg; e && !hiddenBy; e = e.parentElement) {
            const style = getComputedStyle(e);
            if (style.display === 'none' || style.visibility === 'hidden')
              hiddenBy = `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ').join('.')}` : ''} (${style.display === 'none' ? 'display: none' : 'visibility: hidden'})`;
          }
          const content = document.querySelector('.vp-doc')?.getBoundingClientRect().width ?? 0;
          const plotted = (selector) => [...svg.querySelectorAll(selector)].filter((m) => !m.closest('[data-legend]'));
          const state = `${svg.querySelectorAll('rect, path, circle').length} marks, ${Math.round(box.width)}×${Math.round(box.height)} px, content ${Math.round(content)} px wide, viewport ${window.innerWidth}×${window.innerHeight}, document ${document.readyState}${hiddenBy ? `, hidden by ${hiddenBy}` : ''}`;
          return {
            label: svg.getAttribute('aria-label') ?? '',
            marks: marks.length,
            axis: svg.querySelector('[data-axis]') !== null,
            bars: plotted('rect.bar').length,
            whiskers: plotted('.whisker').length,
            width: box.width,
            height: box.height,
            state,
          };
        }),
      );
    }

    /**
     * What the page's numbers and conclusions lack: a measured number (`.weft-stat`) without its n or spread, or below
     * zero; a bold number outside one (a number printed without its context); a verdict or ranking whose stated
     * outcome is not what its runs say (`data-runs`), or an inconclusive one that does not say so.
     */
    function numberProblems(page) {
      return page.$$eval('.vp-doc', (docs) =>
        docs.flatMap((doc) => {
          const problems = [];
          for (const e of doc.querySelectorAll('.weft-stat')) {
            const value = e.firstElementChild?.textContent ?? '';
            if (!(Number(e.getAttribute('data-n')) > 0) || !e.getAttribute('data-spread'))
              problems.push(`the number "${value}" has no n or spread`);
            if (/^\s*[-−]/.test(value)) problems.push(`the number "${value}" is below zero`);
          }
          for (const b of doc.querySelectorAll('b, strong')) {
            if (b.closest('.weft-stat, .weft-verdict, table, pre, code, .weft-source, figcaption')) continue;
            // A number token (`1,234`, `2.5×`, `40 %`), not a name with a digit in it (`conv2d`, `run 2)`).
            if (/(^|\s)[-−]?\d[\d,.]*(k|×|%)?(\s|$)/.test(b.textContent ?? ''))
              problems.push(`"${b.textContent}" is a number without n or spread`);
          }
          for (const v of doc.querySelectorAll('.weft-verdict')) {
            const runs = (v.getAttribute('data-runs') ?? '').split(',').map((r) => r === 'true');
            // A break-even point either holds (every run agrees on it) or is inconclusive; it never "fails".
            const breakEven = v.getAttribute('data-kind') === 'break-even';
            const expected = runs.every(Boolean) ? 'holds' : runs.some(Boolean) || breakEven ? 'inconclusive' : 'fails';
            const said = v.getAttribute('data-outcome');
            const text = (v.textContent ?? '').replace(/\s+/g, ' ').slice(0, 80);
            if (said !== expected) problems.push(`"${text}" is stated as ${said}, its runs say ${expected}`);
            if (said === 'inconclusive' && !/inconclusive/i.test(v.textContent ?? ''))
              problems.push(`"${text}" is inconclusive over the runs but does not say so`);
          }
          return problems;
        }),
      );
    }

    it('opens every page without console errors, broken internal links, empty charts or unfilled numbers', async () => {
      const checked = new Map();
      const problems = [];
      const all = pages();
      const status = (url) => {
        if (!checked.has(url))
          checked.set(
            url,
            fetch(url, { method: 'HEAD' }).then((r) => r.status),
          );
        return checked.get(url);
      };
      const visit = async (tab, pathname) => {
        await load(tab, `${server.origin}${pathname}`);
        let charts = await chartsOf(tab.page);
        // Seen once in CI on the largest page: every chart 0×0 px although nothing hid them. Such a page is opened
        // once more in a new tab; a page whose charts still draw nothing fails below.
        if (charts.length > 0 && charts.every((c) => c.width === 0)) {
          console.warn(`docs: every chart of ${pathname} measured 0×0 (${charts[0]?.state}), opening it again`);
          await tab.page.close();
          await load(await newTab(tab), `${server.origin}${pathname}`);
          charts = await chartsOf(tab.page);
        }
        const { page, errors } = tab;
        problems.push(...errors.map((e) => `${pathname}: ${e}`));
        for (const c of charts)
          if (c.marks === 0 || c.width === 0 || c.height === 0)
            problems.push(`${pathname}: chart "${c.label}" drew nothing (${c.state})`);
        if (charts.length < (MIN_CHARTS[pathname] ?? 0))
          problems.push(`${pathname}: ${charts.length} charts drawn, expected at least ${MIN_CHARTS[pathname]}`);
        for (const c of charts) {
          if (!c.axis) problems.push(`${pathname}: chart "${c.label}" has no axis`);
          if (c.bars > c.whiskers)
            problems.push(`${pathname}: chart "${c.label}" has ${c.bars} bars, ${c.whiskers} whiskers`);
        }
        if (!pathname.startsWith('/api/'))
          problems.push(...(await numberProblems(page)).map((p) => `${pathname}: ${p}`));
        const text = await page.$eval('.vp-doc, .VPHome', (e) => e.textContent ?? '').catch(() => '');
        // The API pages show no data: they legitimately write `undefined` (a type) and `NaN` (a documented return
        // value); elsewhere either means a number the data lacked.
        // "not in this reference run": a section read a name the committed data does not have.
        const unfilled = pathname.startsWith('/api/')
          ? ['[object Object]']
          : ['NaN', 'undefined', '[object Object]', '{{', 'not in this reference run'];
        for (const bad of unfilled) if (text.includes(bad)) problems.push(`${pathname}: the page shows "${bad}"`);
        const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
        for (const href of hrefs) {
          const url = new URL(href);
          if (url.origin !== server.origin) continue;
          url.hash = '';
          const code = await status(url.href);
          if (code !== 200) problems.push(`${pathname}: link ${url.pathname}${url.search} answers ${code}`);
        }
      };
      // Three tabs, each reused from page to page: the API reference alone has over three hundred pages.
      const queue = [...all];
      await Promise.all(
        Array.from({ length: 3 }, async () => {
          const tab = await newTab();
          for (let next = queue.shift(); next !== undefined; next = queue.shift()) await visit(tab, next);
          await tab.page.close();
        }),
      );
      assert.ok(all.length >= 14, `only ${all.length} pages found`);
      assert.ok(checked.size > 10, `only ${checked.size} internal links found`);
      assert.deepEqual(problems, []);
    });

    it("saves screenshots of the guide's overview and of its library section, with their numbers and charts", async () => {
      mkdirSync(artefacts, { recursive: true });
      const overview = await open(`${server.origin}/guide/index.html`);
      await overview.page.screenshot({ path: path.join(artefacts, 'overview.png'), fullPage: true });
      assert.deepEqual(overview.errors, []);
      await overview.page.close();
      const { page, errors } = await open(`${server.origin}/guide/library.html`);
      await chartsOf(page);
      const section = page.locator('.vp-doc').filter({ has: page.locator('#library-results') });
      const top = await page.locator('#library-results').boundingBox();
      const all = await section.boundingBox();
      assert.ok(top && all, 'the library section is not on the page');
      await page.screenshot({
        path: path.join(artefacts, 'library.png'),
        fullPage: true,
        clip: { x: all.x, y: top.y, width: all.width, height: all.y + all.height - top.y },
      });
      const stats = await page.$$eval('#library-results ~ * .weft-stat', (s) => s.length);
      const charts = await page.$$eval('#library-results ~ * svg[role="img"]', (s) => s.length);
      assert.ok(stats >= 3 && charts >= 3, `the library section shows ${stats} numbers and ${charts} charts`);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('renders a reference study in the explorer from ?url= and saves a screenshot', async () => {
      const { page, errors } = await open(
        `${server.origin}/results/explorer.html?url=/data/all-runtimes-quick/study.json`,
      );
      await page.waitForSelector('[data-test="report"] svg');
      const charts = await chartsOf(page);
      assert.ok(charts.length >= 4, `${charts.length} charts`);
      for (const c of charts) assert.ok(c.marks > 0, `chart "${c.label}" drew nothing`);
      const tables = await page.$$eval('[data-test="report"] table', (ts) =>
        ts.map((t) => t.querySelectorAll('tbody tr').length),
      );
      assert.ok(tables.length >= 5 && tables.every((rows) => rows > 0), `tables: ${tables.join(', ')}`);
      const heads = await page.$$eval('[data-test="report"] thead', (hs) => hs.map((h) => h.textContent));
      assert.ok(
        heads.some((h) => h.includes('chromium') && h.includes('deno')),
        'no column per runtime',
      );
      mkdirSync(artefacts, { recursive: true });
      await page.screenshot({ path: path.join(artefacts, 'results.png'), fullPage: true });
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('opens picked files, and says in one line why a bad file cannot be shown', async () => {
      const { page, errors } = await open(`${server.origin}/results/explorer.html`);
      const picker = page.locator('[data-test="picker"]');
      await picker.setInputFiles(path.join(docs, 'data', 'node-quick', 'node.json'));
      await page.waitForSelector('[data-test="report"] svg');
      assert.match(await page.textContent('[data-test="loaded"]'), /node\.json/);
      await picker.setInputFiles({
        name: 'bad.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"schema":"weft-results","cases":3}'),
      });
      const error = await page.waitForSelector('[data-test="error"]');
      const message = (await error.textContent()) ?? '';
      assert.match(message, /^bad\.json is not a Weft results file: /);
      assert.ok(!message.includes('\n') && !/\bat \S+:\d+/.test(message), `not one line: ${message}`);
      assert.equal(await page.$$eval('[data-test="report"] svg', (s) => s.length), 0, 'the old report is still shown');
      await picker.setInputFiles({ name: 'notjson.json', mimeType: 'application/json', buffer: Buffer.from('{oops') });
      await page.waitForFunction(
        () => document.querySelector('[data-test="error"]')?.textContent === 'notjson.json is not JSON',
      );
      await page.fill('[data-test="url"]', '/data/node-quick/study.json');
      await page.press('[data-test="url"]', 'Enter');
      await page.waitForSelector('[data-test="report"] svg');
      assert.equal(await page.$('[data-test="error"]'), null, 'the error stays after a good file');
      assert.match(page.url(), /\?url=%2Fdata%2Fnode-quick%2Fstudy\.json$/);
      assert.deepEqual(errors, []);
      await page.close();
    });
  },
);

/**
 * @module pack-smoke-chromium — what `pack-smoke.mjs` needs to run a page in headless Chromium: a static server with
 * COOP/COEP on 127.0.0.1, and a page run that waits for the page's `window.weftResult`.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
// The workspace's built @weft/bench (pack-smoke packs it, so it is built): Weft's one list of Chromium flags.
import { CHROMIUM_FLAGS } from '@weft/bench/chromium';

const TYPES = {
  '.html': 'text/html',
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * Serves `dir` on 127.0.0.1 with COOP/COEP. `rewrite(pathname, file)` may answer a file itself (resolves to its body,
 * or undefined to serve the file as it is).
 */
export async function serve(dir, rewrite = async () => undefined) {
  const server = createServer(async (request, response) => {
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cache-Control': 'no-store',
    };
    try {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      const file = path.join(dir, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
      if (!file.startsWith(dir + path.sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      const body = (await rewrite(pathname, file)) ?? (await readFile(file));
      response.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch (error) {
      response.writeHead(error.code === 'ENOENT' || error.code === 'EISDIR' ? 404 : 500, headers);
      response.end(String(error.message));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Opens `url` in headless Chromium and waits for `window.weftResult`. Resolves with that result, the page's errors
 * (page errors, console errors, HTTP errors) and how many workers the page started.
 */
export async function runPage(executable, url) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: executable, args: [...CHROMIUM_FLAGS], timeout: 30_000 });
  try {
    const page = await browser.newPage();
    const problems = [];
    let workers = 0;
    page.on('worker', () => (workers += 1));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
    });
    await page.goto(url, { timeout: 30_000 });
    await page.waitForFunction(() => window.weftResult !== undefined, undefined, { timeout: 30_000 });
    return { result: await page.evaluate(() => window.weftResult), problems, workers };
  } finally {
    await browser.close().catch(() => {});
  }
}

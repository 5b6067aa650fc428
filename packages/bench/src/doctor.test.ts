import { describe, expect, it } from 'vitest';
import { checkRedisServer, formatDoctor, runDoctor } from './doctor.js';
import type { RuntimeRunner } from './runners/runtime.js';

const fake = (name: RuntimeRunner['name'], probe: Awaited<ReturnType<RuntimeRunner['probe']>>): RuntimeRunner => ({
  name,
  probe: () => Promise.resolve(probe),
  run: () => Promise.reject(new Error('the doctor must not run the study')),
});

describe('runDoctor', () => {
  it('lists runtimes and tfjs backends with version, status and the install command or error', async () => {
    const report = await runDoctor([
      fake('node', { status: 'available', version: '20.20.2' }),
      fake('deno', { status: 'missing', install: 'npm install -D deno' }),
      fake('bun', { status: 'broken', error: 'bun --version failed: illegal instruction' }),
      {
        ...fake('chromium', { status: 'available', version: '1' }),
        probe: () => Promise.reject(new Error('probe blew up')),
      },
    ]);
    expect(report.cores).toBeGreaterThan(0);
    expect(report.sharedArrayBuffer).toBe(true);
    const byName = Object.fromEntries(report.items.map((i) => [i.name, i]));
    expect(byName['node']).toMatchObject({ kind: 'runtime', status: 'available', version: '20.20.2' });
    expect(byName['deno']).toMatchObject({ status: 'missing', detail: 'install: npm install -D deno' });
    expect(byName['bun']).toMatchObject({ status: 'broken', detail: 'bun --version failed: illegal instruction' });
    expect(byName['chromium']).toMatchObject({ status: 'broken', detail: 'probe blew up' });
    // cpu and wasm really compute here; tensorflow loads when its addon is built; cuda cannot run here (no package, no GPU).
    expect(byName['cpu']).toMatchObject({
      kind: 'tfjs-backend',
      status: 'available',
      version: expect.stringMatching(/^4\./),
    });
    expect(byName['wasm']).toMatchObject({ kind: 'tfjs-backend', status: 'available' });
    const tensorflow = byName['tensorflow'];
    if (tensorflow?.status === 'available' || process.env['WEFT_REQUIRE_TFJS_NODE'] === '1') {
      expect(tensorflow).toMatchObject({
        status: 'available',
        version: expect.stringMatching(/^tfjs-node 4\.\S+, libtensorflow \d+\.\d+/),
      });
    } else {
      expect(tensorflow).toMatchObject({
        status: 'broken',
        detail: expect.stringContaining('scripts/tfjs-node-offline.sh'),
      });
    }
    expect(byName['cuda']).toMatchObject({ kind: 'tfjs-backend', status: 'missing' });
    expect(byName['cuda']?.detail).toMatch(
      /^@tensorflow\/tfjs-node-gpu is not installed: npm install @tensorflow\/tfjs-node-gpu(;|$)/,
    );

    // The PyTorch comparison's Python: versions where torch imports (required in CI), else the install command.
    if (byName['torch'] !== undefined || process.env['WEFT_REQUIRE_PYTORCH'] === '1') {
      expect(byName['python']).toMatchObject({
        kind: 'reference',
        status: 'available',
        version: expect.stringMatching(/^3\./),
      });
      expect(byName['torch']).toMatchObject({
        kind: 'reference',
        status: 'available',
        version: expect.stringMatching(/^\d+\.\d+/),
      });
    } else {
      expect(byName['pytorch']).toMatchObject({
        kind: 'reference',
        status: 'missing',
        detail: expect.stringContaining('pip install torch'),
      });
    }

    // The cluster pools' redis-server: its version where installed (required in CI), else the install command.
    if (process.env['WEFT_REQUIRE_REDIS'] === '1' || byName['redis-server']?.status === 'available') {
      expect(byName['redis-server']).toMatchObject({
        kind: 'cluster',
        status: 'available',
        version: expect.stringMatching(/^\d+\.\d+/),
      });
    }

    const text = formatDoctor(report);
    expect(text).toMatch(/^cores: \d+ · SharedArrayBuffer: available · host: node /);
    expect(text).toMatch(/\ndeno\s+-\s+missing — install: npm install -D deno\n/);
    expect(text).toMatch(/\nwasm\s+4\.\S+\s+available\n/);
  });

  it('says how to install redis-server when it is missing', () => {
    expect(checkRedisServer('weft-no-such-redis-server')).toEqual({
      kind: 'cluster',
      name: 'redis-server',
      status: 'missing',
      detail: expect.stringContaining('apt-get install redis-server'),
    });
  });
});

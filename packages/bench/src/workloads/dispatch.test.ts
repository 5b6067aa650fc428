import { describe, expect, it } from 'vitest';
import { dispatchPoolNames, dispatchWorkload } from './dispatch.js';
import { fakeHost, hostContext } from './host.fixture.js';

const small = { tasks: '20', samples: '2', 'round-trips': '20', threads: '2' };

describe('dispatch workload (runtime-neutral, on a fake host)', () => {
  it('expands auto to the pools this host has, and to the floor only where the host can block', () => {
    expect(dispatchPoolNames(fakeHost({ pools: ['weft', 'piscina'] }).host, ['auto'])).toEqual([
      'weft',
      'piscina',
      'atomics',
    ]);
    expect(
      dispatchPoolNames(fakeHost({ pools: ['weft-web-workers', 'raw-web-workers'], floor: false }).host, ['auto']),
    ).toEqual(['weft-web-workers', 'raw-web-workers']);
    expect(dispatchPoolNames(fakeHost({ pools: ['weft'] }).host, ['weft', 'auto', 'tinypool'])).toEqual([
      'weft',
      'atomics',
      'tinypool',
    ]);
  });

  it('measures every pool the host opens, with the same names in every runtime, and closes each', async () => {
    const { host, log } = fakeHost({ pools: ['weft-web-workers', 'raw-web-workers'], floor: false });
    const cases = await dispatchWorkload.run(hostContext(dispatchWorkload, host, small));
    expect(cases.map((c) => [c.strategy, c.status])).toEqual([
      ['weft-web-workers-throughput', 'ok'],
      ['weft-web-workers-latency', 'ok'],
      ['raw-web-workers-throughput', 'ok'],
      ['raw-web-workers-latency', 'ok'],
    ]);
    expect(log.opened).toEqual(['weft-web-workers×2', 'raw-web-workers×2']);
    expect(log.closed.sort()).toEqual(['raw-web-workers', 'weft-web-workers']);
    // Weft's pool is compared with the best pool that is not Weft's, measured in the same run.
    expect(cases[0]?.metrics['ratioToBestPeer']).toBeGreaterThan(0);
    expect(cases[2]?.metrics['ratioToBestPeer']).toBeUndefined();
    expect(cases[0]?.samples).toHaveLength(2);
    expect(cases[1]?.samples).toHaveLength(20);
  });

  it('skips a pool the host cannot open, and the floor where the host cannot block, each with its reason', async () => {
    const { host } = fakeHost({
      pools: ['weft-web-workers'],
      broken: { piscina: 'piscina runs on worker_threads' },
      floor: false,
    });
    const cases = await dispatchWorkload.run(
      hostContext(dispatchWorkload, host, { ...small, pools: 'weft-web-workers,piscina,atomics' }),
    );
    const skipped = cases.filter((c) => c.status === 'skipped').map((c) => [c.strategy, c.reason]);
    expect(skipped).toEqual([
      [
        'atomics-latency',
        "atomics is not available here: this thread may not block in Atomics.wait (a page's main thread)",
      ],
      ['piscina-throughput', 'piscina is not available here: piscina runs on worker_threads'],
      ['piscina-latency', 'piscina is not available here: piscina runs on worker_threads'],
    ]);
    expect(cases.filter((c) => c.status === 'ok').map((c) => c.strategy)).toEqual([
      'weft-web-workers-throughput',
      'weft-web-workers-latency',
    ]);
  });

  it('measures the floor once, with the first thread count, and relates each round trip to it', async () => {
    const { host } = fakeHost({ pools: ['weft'] });
    const cases = await dispatchWorkload.run(hostContext(dispatchWorkload, host, { ...small, threads: '1,2' }));
    expect(cases.filter((c) => c.strategy === 'atomics-latency')).toHaveLength(1);
    expect(cases.find((c) => c.strategy === 'weft-latency')?.metrics['ratioToFloor']).toBeGreaterThan(0);
  });
});

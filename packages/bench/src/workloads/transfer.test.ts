import { describe, expect, it } from 'vitest';
import { fakeHost, hostContext } from './host.fixture.js';
import { transferWorkload } from './transfer.js';

describe('transfer workload (runtime-neutral, on a fake host)', () => {
  it("moves through the host's channel, lets the host run between moves, and closes the channel", async () => {
    const { host, log } = fakeHost({ pools: [], afterMove: true });
    const cases = await transferWorkload.run(
      hostContext(transferWorkload, host, { 'sizes-kib': '1', methods: 'clone,transfer', samples: '3' }),
    );
    expect(cases.map((c) => [c.strategy, c.parameters['bytes'], c.samples.length])).toEqual([
      ['clone', 1024, 3],
      ['transfer', 1024, 3],
    ]);
    // One warm-up move and three measured ones per case, each followed by the host's pause.
    expect(log.moves).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    expect(log.channelsClosed).toBe(1);
  });

  it('closes the channel when a move fails', async () => {
    const { host, log } = fakeHost({ pools: [] });
    const failing = {
      ...host,
      openMoveChannel: async () => ({
        ...(await host.openMoveChannel()),
        send: () => {
          throw new Error('worker gone');
        },
      }),
    };
    await expect(
      transferWorkload.run(hostContext(transferWorkload, failing, { 'sizes-kib': '1', methods: 'clone' })),
    ).rejects.toThrow('worker gone');
    expect(log.channelsClosed).toBe(1);
  });
});

// The README's example runs as written, against the built package: imported here, its printed line captured.
import { describe, expect, it, vi } from 'vitest';

describe('README example examples/inline.mjs', () => {
  it('prints the squares', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await import(new URL('../examples/inline.mjs', import.meta.url).href);
      expect(log.mock.calls).toEqual([[[1, 4, 9]]]);
    } finally {
      log.mockRestore();
    }
  });
});

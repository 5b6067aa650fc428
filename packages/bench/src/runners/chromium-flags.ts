/** @module runners/chromium-flags — how Weft launches headless Chromium, shared by the study, the tests and the docs site's browser test. */

/**
 * The flags Chromium runs with: headless, no sandbox and no /dev/shm (containers, where /dev/shm is often 64 MiB), and
 * nothing that reaches the network.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

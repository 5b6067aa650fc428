/** @module runners/chromium-flags — how Weft launches headless Chromium, shared by the study, the tests and the docs site's browser test. */

/** The flags Chromium runs with: headless, no sandbox (containers), and nothing that reaches the network. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/**
 * The entry `@weft/bench/chromium` (Node only): where Weft finds Chromium and the
 * flags it launches it with, for scripts and tests that drive the same headless Chromium with playwright-core.
 *
 * @module @weft/bench/chromium
 */
export { CHROMIUM_FLAGS } from './chromium-flags.js';
export { CHROMIUM_INSTALL, chromiumPath } from './chromium.js';

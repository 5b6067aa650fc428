import type { BackendProbe } from '@weft/core/adapter';
import * as browser from '@weft/browser/tfjs';
import * as node from '@weft/node/tfjs';
import { describe, expect, expectTypeOf, it } from 'vitest';

// The two adapters' /tfjs entries are one API with each runtime's backends: the same names, parameter order and
// result (the type assertions are checked by `npm run typecheck`).
describe('@weft/node/tfjs and @weft/browser/tfjs', () => {
  it('share the backend calls: useTfjsBackend, probeTfjsBackend and TFJS_BACKENDS', () => {
    for (const name of ['useTfjsBackend', 'probeTfjsBackend', 'TFJS_BACKENDS'] as const) {
      expect(typeof node[name]).toBe(typeof browser[name]);
    }
    expect(node.useTfjsBackend.length).toBe(browser.useTfjsBackend.length);
    expect(node.probeTfjsBackend.length).toBe(browser.probeTfjsBackend.length);
    expect(browser.TFJS_BACKENDS).toEqual(['cpu', 'wasm', 'webgl', 'webgpu']);
    expect(node.TFJS_BACKENDS).toEqual(['cpu', 'wasm', 'tensorflow', 'cuda']);
  });

  it('take (tf, name, options) and answer a BackendProbe of their own backend names', () => {
    type Tf = Parameters<typeof node.useTfjsBackend>[0];
    expectTypeOf<Parameters<typeof browser.useTfjsBackend>[0]>().toEqualTypeOf<Tf>();
    expectTypeOf<Parameters<typeof node.probeTfjsBackend>[0]>().toEqualTypeOf<Tf>();
    expectTypeOf<Parameters<typeof browser.probeTfjsBackend>[0]>().toEqualTypeOf<Tf>();
    expectTypeOf<Parameters<typeof node.useTfjsBackend>[1]>().toEqualTypeOf<node.TfjsBackendName>();
    expectTypeOf<Parameters<typeof browser.useTfjsBackend>[1]>().toEqualTypeOf<browser.TfjsBackendName>();
    expectTypeOf<ReturnType<typeof node.useTfjsBackend>>().toEqualTypeOf<Promise<BackendProbe<node.TfjsBackendName>>>();
    expectTypeOf<ReturnType<typeof browser.useTfjsBackend>>().toEqualTypeOf<
      Promise<BackendProbe<browser.TfjsBackendName>>
    >();
    expectTypeOf<ReturnType<typeof node.probeTfjsBackend>>().toEqualTypeOf<ReturnType<typeof node.useTfjsBackend>>();
    expectTypeOf<ReturnType<typeof browser.probeTfjsBackend>>().toEqualTypeOf<
      ReturnType<typeof browser.useTfjsBackend>
    >();
  });
});

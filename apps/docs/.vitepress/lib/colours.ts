/**
 * @module colours — one colour per name, the same on every chart of the site and in the reports: a runtime's colour
 * (`@weft/bench/report`'s `COLOURS`), a backend's, a way of moving data's, the event loop's. A chart names its bars
 * and lines by these words first (`wasm, 2 worker(s)`), so their colours mean the same thing everywhere.
 */
import { COLOURS } from '@weft/bench/report';

/** Colours of the names that are not runtimes (none of them a runtime's colour). */
export const NAME_COLOURS: Readonly<Record<string, string>> = {
  cpu: '#e8710a',
  wasm: '#9334e6',
  tensorflow: '#d01884',
  cuda: '#795548',
  webgl: '#12b5cb',
  webgpu: '#7cb342',
  numpy: '#607d8b',
  clone: '#e8710a',
  transfer: '#9334e6',
  shared: '#12b5cb',
  memcpy: '#795548',
  event: '#e8710a',
  'latency-bound': '#9e9e9e',
};

/** The colour of the first word of `label` (`node (weft)`, `wasm, 2 worker(s)`), when it names one. */
export function colourOf(label: string): string | undefined {
  const first = label.split(/[\s,(]/)[0] ?? '';
  return (COLOURS as Readonly<Record<string, string>>)[first] ?? NAME_COLOURS[first];
}

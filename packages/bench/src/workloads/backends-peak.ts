/**
 * @module backends-peak — this machine's inputs for the theoretical fp32 peak (Node, Deno, Bun): logical cores, and
 * the clock from `/proc/cpuinfo` ("cpu MHz", the mean over cores) or else `os.cpus()` speed.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { PeakInputs } from './backends-flops.js';

/** The mean of the "cpu MHz" lines of a `/proc/cpuinfo` text, or undefined when it has none. */
export function cpuinfoMhz(text: string): number | undefined {
  const values = [...text.matchAll(/^cpu MHz\s*:\s*([\d.]+)/gm)]
    .map((m) => Number(m[1]))
    .filter((v) => Number.isFinite(v) && v > 0);
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The peak-relevant vector flags (`fma avx2 avx512f`) of the first "flags" line of a `/proc/cpuinfo` text. */
export function cpuinfoSimd(text: string): string | undefined {
  const flags = new Set(/^flags\s*:\s*(.*)$/m.exec(text)?.[1]?.split(/\s+/) ?? []);
  const found = ['fma', 'avx2', 'avx512f'].filter((f) => flags.has(f));
  return found.length === 0 ? undefined : found.join(' ');
}

/** Cores and clock of this machine, read now (see the module comment for the sources). */
export function hostPeakInputs(): PeakInputs {
  const cores = os.availableParallelism();
  let text = '';
  try {
    text = readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    // Not Linux: fall back to os.cpus().
  }
  const fromCpuinfo = cpuinfoMhz(text);
  const simd = cpuinfoSimd(text);
  if (fromCpuinfo !== undefined)
    return { cores, clockMhz: fromCpuinfo, clockSource: '/proc/cpuinfo cpu MHz', ...(simd ? { simd } : {}) };
  const speeds = os
    .cpus()
    .map((c) => c.speed)
    .filter((s) => s > 0);
  if (speeds.length > 0)
    return { cores, clockMhz: speeds.reduce((a, b) => a + b, 0) / speeds.length, clockSource: 'os.cpus speed' };
  return { cores, clockMhz: 0, clockSource: 'unknown' };
}

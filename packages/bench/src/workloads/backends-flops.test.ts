import { describe, expect, it } from 'vitest';
import { conv2dFlops, gflopsPerSecond, matMulFlops, peakGflops } from './backends-flops.js';
import { cpuinfoMhz, cpuinfoSimd, hostPeakInputs } from './backends-peak.js';

describe('FLOP counts', () => {
  it('counts 2n³ for an n×n matMul', () => {
    expect(matMulFlops(2)).toBe(16);
    expect(matMulFlops(1024)).toBe(2 * 1024 ** 3);
  });

  it('counts 2 × batch × H × W × outC × k² × inC for a stride-1 same conv2d', () => {
    const shape = { batch: 32, height: 28, width: 28, inChannels: 32, filterSize: 3, outChannels: 64 };
    expect(conv2dFlops(shape)).toBe(2 * 32 * 28 * 28 * 64 * 9 * 32);
    expect(conv2dFlops({ ...shape, batch: 1, height: 1, width: 1, inChannels: 1, outChannels: 1, filterSize: 1 })).toBe(
      2,
    );
  });

  it('turns FLOP and ms into GFLOP/s', () => {
    expect(gflopsPerSecond(2e9, 1000)).toBe(2);
    expect(gflopsPerSecond(1e9, 0)).toBe(0);
  });
});

describe('theoretical fp32 peak', () => {
  it('is cores × GHz × 32 FLOP/cycle', () => {
    expect(peakGflops(1, 2500)).toBe(80);
    expect(peakGflops(2, 2596.122)).toBeCloseTo(166.15, 2);
  });

  it('reads the mean "cpu MHz" of /proc/cpuinfo text', () => {
    expect(cpuinfoMhz('processor\t: 0\ncpu MHz\t\t: 2000.000\nprocessor\t: 1\ncpu MHz\t\t: 3000.000\n')).toBe(2500);
    expect(cpuinfoMhz('processor\t: 0\nBogoMIPS\t: 50.00\n')).toBeUndefined();
    expect(cpuinfoSimd('flags\t\t: fpu sse2 fma avx2 avx512f avx512bw\nflags\t\t: fpu\n')).toBe('fma avx2 avx512f');
    expect(cpuinfoSimd('flags\t\t: fpu sse2\n')).toBeUndefined();
  });

  it("finds this machine's cores and a clock with its source", () => {
    const inputs = hostPeakInputs();
    expect(inputs.cores).toBeGreaterThan(0);
    expect(['/proc/cpuinfo cpu MHz', 'os.cpus speed', 'unknown']).toContain(inputs.clockSource);
    if (inputs.clockSource !== 'unknown') expect(inputs.clockMhz).toBeGreaterThan(0);
  });
});

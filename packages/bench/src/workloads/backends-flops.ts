/**
 * @module backends-flops — the arithmetic behind the `backends` workload's GFLOP/s: floating-point operations of a
 * matMul and a conv2d, and the machine's theoretical fp32 peak. Pure functions, shared by Node and the browser page.
 */

/** FLOP per cycle and core of AVX2 with FMA: 2 FMA units × 8 fp32 lanes × 2 (multiply and add). */
export const AVX2_FMA_FLOPS_PER_CYCLE = 32;

/**
 * FLOP per cycle and core of AVX-512 with two full-width FMA units: 2 × 16 fp32 lanes × 2. Shown beside the AVX2
 * peak where the CPU reports `avx512f`: measured rates above the AVX2 peak there mean the 512-bit units are in use.
 */
export const AVX512_FMA_FLOPS_PER_CYCLE = 64;

/** How the peak is computed, as shown in results and reports. */
export const PEAK_FORMULA =
  'peak GFLOP/s = cores × clock GHz × 32 FLOP/cycle (AVX2 FMA: 2 FMA units × 8 fp32 lanes × 2)';

/** How a conv2d's FLOP are counted, as shown in results and reports. */
export const CONV2D_FLOP_FORMULA =
  'conv2d FLOP = 2 × batch × outHeight × outWidth × outChannels × filterHeight × filterWidth × inChannels';

/** How a matMul's FLOP are counted. */
export const MATMUL_FLOP_FORMULA = 'matMul n×n FLOP = 2n³';

/** FLOP of an n×n by n×n matrix product: n³ multiply-adds, 2n³ operations. */
export function matMulFlops(n: number): number {
  return 2 * n ** 3;
}

/** A 2-D convolution, NHWC input, stride 1, `same` padding (output size = input size). */
export interface Conv2dShape {
  readonly batch: number;
  readonly height: number;
  readonly width: number;
  readonly inChannels: number;
  readonly filterSize: number;
  readonly outChannels: number;
}

/** FLOP of a stride-1 `same` conv2d ({@link CONV2D_FLOP_FORMULA}; padded taps count, as in cuDNN's and XLA's counts). */
export function conv2dFlops(s: Conv2dShape): number {
  return 2 * s.batch * s.height * s.width * s.outChannels * s.filterSize * s.filterSize * s.inChannels;
}

/** Where the clock of the peak comes from. */
export type ClockSource = '/proc/cpuinfo cpu MHz' | 'os.cpus speed' | 'unknown';

/** The inputs of the peak: logical cores and the clock in MHz, with where the clock was read. */
export interface PeakInputs {
  readonly cores: number;
  readonly clockMhz: number;
  readonly clockSource: ClockSource;
  /** The CPU's vector extensions that matter for the peak (`fma avx2 avx512f`), when known. */
  readonly simd?: string;
}

/** The theoretical fp32 peak of `cores` cores at `clockMhz`, in GFLOP/s ({@link PEAK_FORMULA}; AVX2 unless told). */
export function peakGflops(cores: number, clockMhz: number, flopsPerCycle = AVX2_FMA_FLOPS_PER_CYCLE): number {
  return (cores * clockMhz * flopsPerCycle) / 1000;
}

/** GFLOP/s of `flops` operations done in `ms` milliseconds. */
export function gflopsPerSecond(flops: number, ms: number): number {
  return ms > 0 ? flops / (ms * 1e6) : 0;
}

/** @module environment — what a results file records about the machine and the software that produced it. */
import { createRequire } from 'node:module';
import os from 'node:os';
import { detectRuntime, type HostInfo, type RuntimeName } from '@weft/core';

const require = createRequire(import.meta.url);

/** The host's CPU model, logical cores, memory, OS and architecture. */
export function hostInfo(): HostInfo {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()}`,
    arch: os.arch(),
  };
}

/** The runtime this process runs in. */
export function runtimeInfo(): { name: RuntimeName; version: string } {
  const { name, version } = detectRuntime();
  return { name, version };
}

/** Versions of the packages whose code is measured; a package that is not installed is left out. */
export function packageVersions(): Record<string, string> {
  const names = [
    '@weft/core',
    '@weft/node',
    '@weft/bench',
    '@tensorflow/tfjs-core',
    '@tensorflow/tfjs-backend-cpu',
    '@tensorflow/tfjs-backend-wasm',
    'piscina',
    'tinypool',
  ];
  const versions: Record<string, string> = {};
  for (const name of names) {
    try {
      versions[name] = (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      // Not installed here (piscina and tinypool are development dependencies): nothing to record.
    }
  }
  return versions;
}

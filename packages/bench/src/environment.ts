/** @module environment — what a results file records about the machine and the software that produced it. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectRuntime, type RuntimeName } from '@weft/core';
import type { HostInfo } from '@weft/core/study';

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
    '@weft/browser',
    '@tensorflow/tfjs-core',
    '@tensorflow/tfjs-backend-cpu',
    '@tensorflow/tfjs-backend-wasm',
    '@tensorflow/tfjs-node',
    '@tensorflow/tfjs-layers',
    'piscina',
    'tinypool',
  ];
  const versions: Record<string, string> = {};
  for (const name of names) {
    const version = installedVersion(name);
    if (version) versions[name] = version;
  }
  return versions;
}

/**
 * The version of an installed package, found from its resolved entry upwards (some packages, piscina among them,
 * do not export `package.json`); undefined when it is not installed.
 */
export function installedVersion(name: string): string | undefined {
  let dir: string;
  try {
    dir = path.dirname(fileURLToPath(import.meta.resolve(name)));
  } catch {
    return undefined;
  }
  for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === name) return manifest.version;
    } catch {
      // No package.json at this level: keep walking up.
    }
  }
  return undefined;
}

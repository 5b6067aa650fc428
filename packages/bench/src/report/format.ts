/** @module format — how numbers and parameters are written in reports. */
import type { ParameterValue } from '@weft/core/study';

/** A number with sensible precision: 3 significant digits, thousands grouped from 1,000 up. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs === 0) return '0';
  return Number(value.toPrecision(3)).toString();
}

/** Byte counts as KiB / MiB when exact, else bytes. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  if (bytes >= 1 << 10 && bytes % (1 << 10) === 0) return `${bytes / (1 << 10)} KiB`;
  return `${bytes} B`;
}

/** Parameters as `key=value` pairs, bytes made readable. */
export function formatParameters(parameters: Readonly<Record<string, ParameterValue>>): string {
  return Object.entries(parameters)
    .map(
      ([key, value]) => `${key}=${key === 'bytes' && typeof value === 'number' ? formatBytes(value) : String(value)}`,
    )
    .join(' ');
}

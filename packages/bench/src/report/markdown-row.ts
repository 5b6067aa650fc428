/** @module report/markdown-row — one markdown table row, as every table of the reports writes it. Browser-safe. */

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** One markdown table row; pipes in cells are escaped and line breaks become spaces. */
export function row(cells: readonly string[]): string {
  return `| ${cells.map(escapeCell).join(' | ')} |`;
}

#!/usr/bin/env node
/**
 * @module import-cycles — fails on import cycles among a package's own modules. Follows every relative import and
 * re-export of the TypeScript sources under the given folders (`import type` included: a cycle of types is still
 * two modules that cannot be understood one without the other); tests and fixtures are left out.
 *
 * Each package's `lint` runs it: `node ../../scripts/import-cycles.mjs src`. Prints each cycle and exits 1, or
 * prints the count of modules checked and exits 0.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The `.ts` sources under `dir`, without tests, fixtures and declaration files. */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sources(file);
    return /\.ts$/.test(entry.name) && !/\.(test|fixture|d)\.ts$/.test(entry.name) ? [path.resolve(file)] : [];
  });
}

/** The modules `file` imports by a relative specifier, resolved to their `.ts` sources. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?(?:from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm)].map(
    (m) => m[1],
  );
  return specifiers.flatMap((specifier) => {
    const target = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts');
    return [target, `${target}.ts`, path.join(target, 'index.ts')]
      .filter((candidate) => existsSync(candidate))
      .slice(0, 1);
  });
}

const folders = process.argv.slice(2);
if (folders.length === 0) {
  console.error('usage: node scripts/import-cycles.mjs <folder> [...]');
  process.exit(2);
}
const files = folders.flatMap(sources);
const edges = new Map(files.map((file) => [file, importsOf(file)]));
const state = new Map();
const stack = [];
const cycles = [];
const visit = (file) => {
  state.set(file, 'open');
  stack.push(file);
  for (const next of edges.get(file) ?? []) {
    if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
    else if (!state.has(next) && edges.has(next)) visit(next);
  }
  stack.pop();
  state.set(file, 'done');
};
for (const file of files) if (!state.has(file)) visit(file);
for (const cycle of cycles)
  console.log(`import cycle: ${cycle.map((f) => path.relative(process.cwd(), f)).join(' -> ')}`);
console.log(
  cycles.length === 0
    ? `no import cycles among ${files.length} modules`
    : `${cycles.length} import cycle(s): break each by moving what both sides need into a module below them`,
);
process.exitCode = cycles.length === 0 ? 0 : 1;

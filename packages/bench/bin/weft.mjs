#!/usr/bin/env node
// The `weft` command. A committed entry (not the built dist/cli.js itself), so that npm links the bin at install
// time, before the first build; it says so in one line when the package is not built yet.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    'weft: @weft/bench is not built yet: run npm run build (or npm start) at the repository root first\n',
  );
  process.exit(2);
}
await import(cli.href);

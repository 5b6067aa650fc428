/** @module process/package-root — where the bench package is installed, found from this file, never from the cwd. */
import { fileURLToPath } from 'node:url';

/** The bench package's root folder (where `package.json` is): the working folder of every runtime child. */
export const BENCH_ROOT = fileURLToPath(new URL('../../', import.meta.url));

// sums.mjs (deno run -A sums.mjs, or bun sums.mjs): sums of chunks on 4 module Web Workers, each chunk's buffer
// transferred to its worker rather than copied.
import { webWorkerExecutor } from '@weft/browser';
import { sumTask } from './tasks.mjs';

const chunks = [0, 1, 2, 3].map((i) => Float64Array.from({ length: 1000 }, (_, j) => i * 1000 + j));
const pool = webWorkerExecutor({ size: 4, maxQueue: 1_000 });
const sums = await pool.map(sumTask, chunks, { transfer: (chunk) => [chunk.buffer] });
console.log(sums); // [ 499500, 1499500, 2499500, 3499500 ]
await pool.close();

// squares.mjs (node squares.mjs): the task of tasks.mjs on 4 worker threads, then on 2 child processes.
import { nodeProcessExecutor, nodeThreadsExecutor } from '@weft/node';
import { squareTask } from './tasks.mjs';

const threads = nodeThreadsExecutor({ size: 4 });
console.log(await threads.map(squareTask, [1, 2, 3])); // [ 1, 4, 9 ], computed in worker threads
await threads.close();

const processes = nodeProcessExecutor({ size: 2 });
console.log(await processes.map(squareTask, [4, 5])); // [ 16, 25 ], computed in child processes
await processes.close();

// inline.mjs (node inline.mjs): the task on the calling thread; an adapter's executor runs the same task on workers.
import { inlineExecutor } from '@weft/core';
import { squareTask } from './tasks.mjs';

const executor = inlineExecutor();
console.log(await executor.map(squareTask, [1, 2, 3])); // [ 1, 4, 9 ]
await executor.close();

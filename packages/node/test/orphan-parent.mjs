// A parent for src/process-executor.test.ts: starts a 2-process pool, keeps one child busy in an endless loop and
// the other idle, prints a line once both children run, and waits to be killed with SIGKILL.
/* global console */
import { echoTask, spinTask } from '@weft/core/testing';
import { nodeProcessExecutor } from '@weft/node';

const pool = nodeProcessExecutor({ size: 2 });
await pool.map(echoTask, [1, 2]);
void pool.run(spinTask, { ms: 1e9 }).catch(() => undefined);
setTimeout(() => console.log('ready'), 300);
setInterval(() => undefined, 1000);

// A coordinator that submits long tasks and then waits forever, for the test that kills it (coordinator restart).
// argv: redis URL, queue, repository root, log file, task count.
import { clusterExecutor } from '@weft/cluster';
import { loggedTask } from './fault-tasks.mjs';

const [url, queue, root, log, count] = process.argv.slice(2);
const cluster = clusterExecutor({ connection: url, queue, root });
await cluster.ready({ agents: 2 });
for (let i = 0; i < Number(count); i += 1)
  cluster.run(loggedTask, { log, ms: 30_000, value: `orphan-${i}` }).catch(() => undefined);
console.log('submitted');
setInterval(() => undefined, 60_000);

import { nodeProcessExecutor } from '@weft/node';
import * as T from '@weft/core/testing';
const pool = nodeProcessExecutor({ size: 1 });
const ac = new AbortController();
const ps = [
  pool.run(T.makeUncloneableTask, 1).catch((e) => 'e0 ' + e.code),
  pool
    .run(T.delayedEchoTask ?? T.echoTask, { index: 1, text: 'x', ms: 50 }, { signal: ac.signal })
    .catch((e) => 'e1 ' + e.code),
  pool.run(T.exitTask, 3).catch((e) => 'e3 ' + e.code),
  pool.run(T.echoTask, 4).catch((e) => 'e4 ' + e.code),
];
setTimeout(() => ac.abort(), 20);
const t = setTimeout(() => {
  console.log('HUNG');
  process.exit(1);
}, 5000);
console.log(await Promise.all(ps));
clearTimeout(t);
await pool.close();

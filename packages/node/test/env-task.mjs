// Tasks of src/process-executor.test.ts, run in the pool's children.
/* global process */

/** The child's value of the environment variable `name`; `pid` answers the child's process id. */
export function readEnv(name) {
  return name === 'pid' ? String(process.pid) : process.env[name];
}

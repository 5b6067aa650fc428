/** True while `pid` is a process that has not ended (a zombie waiting to be reaped counts as ended). */
export function isAlive(pid: number): boolean;
/** Pids of the live children of `parent` (default: this process). */
export function childrenOf(parent?: number): number[];

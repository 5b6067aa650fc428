/** True while `pid` is a process that has not ended (a zombie waiting to be reaped counts as ended). */
export function isAlive(pid: number): boolean;
/** Pids of the live children of `parent` (default: this process). */
export function childrenOf(parent?: number): number[];
/** Number of OS threads of this process that are not exiting (Linux; threads carrying PF_EXITING are not counted). */
export function liveThreads(): number;

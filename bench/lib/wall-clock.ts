// One clock that processes on the same machine agree on, with sub-millisecond resolution: each
// process's time origin (the system clock when it started) plus its monotonic clock since then.
// Date.now() agrees too but only to the millisecond, too coarse for latencies of a few ms.
export const wallMs = (): number => performance.timeOrigin + performance.now();

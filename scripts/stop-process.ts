import type { ChildProcess } from 'node:child_process';

/**
 * Stop `child` with `signal` and wait for its exit; if it has not exited after `graceMs`, kill it (and its
 * process group, for wrangler's workerd) so that no test hook waits on a stuck process.
 */
export function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 10_000,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      console.warn(`[processes] pid ${child.pid} ignored ${signal} for ${graceMs} ms: killed`);
      signalTree(child, 'SIGKILL');
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    signalTree(child, signal);
  });
}

/** Signal the child's process group when it leads one (spawned `detached`), else the child alone. */
function signalTree(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

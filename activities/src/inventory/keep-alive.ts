import type { Context } from '@temporalio/activity';

/**
 * Runs `work` while heartbeating `details()` every `everyMs`: one update or count can outlast the
 * heartbeat timeout on a large case (FerretDB v1 reads the whole case for each), and a silent
 * activity would be retried while its write still runs.
 */
export async function withKeepAlive<T>(ctx: Context, everyMs: number, details: () => unknown, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    try {
      ctx.heartbeat(details());
    } catch {
      // the activity's own heartbeats report failures
    }
  }, everyMs);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { activityDuration } from '@handover/metrics';

/** Times every activity execution by activity type and outcome (`ok`, `failed`). */
export const activityMetricsInterceptor: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    async execute(input, next) {
      const end = activityDuration.startTimer({ activity: ctx.info.activityType });
      try {
        const result = await next(input);
        end({ outcome: 'ok' });
        return result;
      } catch (error) {
        end({ outcome: 'failed' });
        throw error;
      }
    },
  },
});

/**
 * The Temporal SDK's own series, which its runtime serves on a loopback port of its own: read on
 * each scrape and appended to the worker's, so one scrape of the worker's metrics port has both.
 */
export function temporalSdkMetrics(port: number): () => Promise<string> {
  return async () => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(2_000) });
    return res.ok ? await res.text() : '';
  };
}

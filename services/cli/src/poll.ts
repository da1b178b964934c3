import { CliError } from './cli-error';
import type { CliContext } from './context';
import { EXIT } from './exit-codes';

export interface PollOptions<T> {
  read: () => Promise<T>;
  /** True when the wait is over. */
  done: (value: T) => boolean;
  /** Each value read (a progress bar). */
  onValue?: (value: T) => void;
  intervalMs: number;
  timeoutMs: number;
}

/** Reads until `done`, at most until the timeout (exit 4). */
export async function poll<T>(ctx: CliContext, options: PollOptions<T>): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await options.read();
    options.onValue?.(value);
    if (options.done(value)) return value;
    if (Date.now() + options.intervalMs > deadline) throw new CliError(ctx.t('err.timeout', { seconds: Math.round(options.timeoutMs / 1000) }), EXIT.timeout);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}

/**
 * Group commit: calls made while a write is in flight are queued and written together by the next
 * write. Every caller still waits for its own write to be acknowledged, so the guarantees of a
 * single write hold (a claim is durable before the message is sent, a mark before it is counted);
 * only the number of round trips changes. An idle batcher writes a lone call at once.
 */
export class GroupCommit<TIn, TOut> {
  private queue: Array<{ input: TIn; resolve: (value: TOut) => void; reject: (error: unknown) => void }> = [];
  private running = false;

  constructor(
    /** Writes a batch; returns one result per input, in order (an Error rejects that caller only). */
    private readonly write: (inputs: readonly TIn[]) => Promise<ReadonlyArray<TOut | Error>>,
    private readonly maxBatch = 256,
  ) {}

  submit(input: TIn): Promise<TOut> {
    return new Promise<TOut>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const results = await this.write(batch.map((entry) => entry.input));
          batch.forEach((entry, i) => {
            const result = results[i];
            if (result instanceof Error) entry.reject(result);
            else if (result === undefined && results.length <= i) entry.reject(new Error('group commit: no result for a queued call'));
            else entry.resolve(result as TOut);
          });
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

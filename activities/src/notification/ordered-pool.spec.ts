import { prefetchedPages, runOrderedPool, type PoolPage } from './ordered-pool';

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function* pagesOf(pages: number[][]): AsyncGenerator<PoolPage<number>> {
  for (const items of pages) yield { items, lastId: `p${items[items.length - 1] ?? 'empty'}` };
}

describe('runOrderedPool', () => {
  it('never runs more than `concurrency` items at once, and keeps running across page boundaries', async () => {
    let running = 0;
    let peak = 0;
    const committed: string[] = [];
    await runOrderedPool({
      pages: pagesOf([[1, 2, 3], [4, 5, 6, 7], [8]]),
      concurrency: 3,
      work: async (n) => {
        running += 1;
        peak = Math.max(peak, running);
        await delay(n % 2 === 0 ? 5 : 1);
        running -= 1;
        return n;
      },
      onPageDone: (page) => committed.push(page.lastId),
    });
    expect(peak).toBe(3);
    expect(committed).toEqual(['p3', 'p7', 'p8']);
  });

  it('commits pages in page order even when a later page finishes first', async () => {
    const committed: Array<[string, number[]]> = [];
    await runOrderedPool({
      pages: pagesOf([[50], [1], [2]]),
      concurrency: 3,
      work: async (n) => {
        await delay(n);
        return n;
      },
      onPageDone: (page, results) => committed.push([page.lastId, [...results]]),
    });
    expect(committed).toEqual([
      ['p50', [50]],
      ['p1', [1]],
      ['p2', [2]],
    ]);
  });

  it('on a failure starts nothing new, lets in-flight items finish, commits only pages before the failed one, and throws', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const committed: string[] = [];
    await expect(
      runOrderedPool({
        pages: pagesOf([[1, 2], [3, 4], [5, 6], [7, 8]]),
        concurrency: 2,
        work: async (n) => {
          started.push(n);
          await delay(n === 4 ? 20 : 2);
          if (n === 3) throw new Error('451 for item 3');
          finished.push(n);
          return n;
        },
        onPageDone: (page) => committed.push(page.lastId),
      }),
    ).rejects.toThrow('451 for item 3');
    expect(committed).toEqual(['p2']);
    expect(finished).toContain(4); // in flight when 3 failed: finished, not abandoned
    expect(started).not.toContain(7);
  });

  it('stops with the stop reason before starting the next item', async () => {
    let count = 0;
    await expect(
      runOrderedPool({
        pages: pagesOf([[1, 2, 3, 4]]),
        concurrency: 1,
        work: async (n) => {
          count += 1;
          return n;
        },
        onPageDone: () => undefined,
        stopReason: () => (count >= 2 ? new Error('cancelled') : undefined),
      }),
    ).rejects.toThrow('cancelled');
    expect(count).toBe(2);
  });
});

describe('prefetchedPages', () => {
  it('turns batches into pages with their last _id, reading one batch ahead', async () => {
    const reads: number[] = [];
    async function* batches(): AsyncGenerator<Array<{ _id: string }>> {
      for (let b = 0; b < 3; b++) {
        reads.push(b);
        yield [{ _id: `c:${b}0` }, { _id: `c:${b}1` }];
      }
    }
    const seen: Array<[string, number[]]> = [];
    for await (const page of prefetchedPages(batches())) seen.push([page.lastId, [...reads]]);
    expect(seen).toEqual([
      ['c:01', [0, 1]], // the second batch was read before the first page was handed out
      ['c:11', [0, 1, 2]],
      ['c:21', [0, 1, 2]],
    ]);
  });

  it('closes the batches when the consumer stops early', async () => {
    let closed = false;
    async function* batches(): AsyncGenerator<Array<{ _id: string }>> {
      try {
        for (let b = 0; ; b++) yield [{ _id: `c:${b}` }];
      } finally {
        closed = true;
      }
    }
    for await (const page of prefetchedPages(batches())) if (page.lastId === 'c:2') break;
    expect(closed).toBe(true);
  });
});

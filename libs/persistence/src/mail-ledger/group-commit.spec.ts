import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes a lone call at once and batches the calls made while a write is in flight', async () => {
    const batches: number[][] = [];
    let release: (() => void) | undefined;
    const batcher = new GroupCommit<number, string>(async (inputs) => {
      batches.push([...inputs]);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return inputs.map((n) => `ok${n}`);
    });
    const first = batcher.submit(1);
    await Promise.resolve();
    expect(batches).toEqual([[1]]);
    const rest = [batcher.submit(2), batcher.submit(3), batcher.submit(4)];
    expect(batches).toEqual([[1]]); // queued behind the write in flight
    release?.();
    await expect(first).resolves.toBe('ok1');
    await expect(Promise.all(rest)).resolves.toEqual(['ok2', 'ok3', 'ok4']);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('rejects only the callers whose result is an Error, and every caller of a failed write', async () => {
    let call = 0;
    const batcher = new GroupCommit<number, number>(async (inputs) => {
      call += 1;
      if (call === 2) throw new Error('write failed');
      return inputs.map((n) => (n === 13 ? new Error('unlucky') : n));
    }, 2);
    const a = batcher.submit(13);
    const b = batcher.submit(2);
    const c = batcher.submit(3);
    await expect(a).rejects.toThrow('unlucky');
    await expect(b).rejects.toThrow('write failed');
    await expect(c).rejects.toThrow('write failed');
    await expect(batcher.submit(5)).resolves.toBe(5);
  });

  it('respects the batch size', async () => {
    const sizes: number[] = [];
    const batcher = new GroupCommit<number, number>(async (inputs) => {
      sizes.push(inputs.length);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return [...inputs];
    }, 3);
    await Promise.all(Array.from({ length: 8 }, (_, i) => batcher.submit(i)));
    expect(sizes).toEqual([1, 3, 3, 1]);
  });
});

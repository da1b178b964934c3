import { FreshCache } from './fresh-cache';

describe('FreshCache', () => {
  it('shares one load among concurrent callers and reloads after the ttl', async () => {
    let clock = 0;
    let loads = 0;
    const cache = new FreshCache<number>(500, 10, () => clock);
    const load = async (): Promise<number> => ++loads;
    expect(await Promise.all([cache.get('a', load), cache.get('a', load), cache.get('a', load)])).toEqual([1, 1, 1]);
    clock = 499;
    expect(await cache.get('a', load)).toBe(1);
    clock = 500;
    expect(await cache.get('a', load)).toBe(2);
    expect(loads).toBe(2);
  });

  it('does not keep a failed load, and drops the oldest key beyond its size', async () => {
    const cache = new FreshCache<string>(1_000, 2, () => 0);
    await expect(cache.get('x', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('x', async () => 'up')).toBe('up');
    await cache.get('y', async () => 'y1');
    await cache.get('z', async () => 'z1');
    expect(await cache.get('x', async () => 'reloaded')).toBe('reloaded');
  });

  it('loads every time with a ttl of 0', async () => {
    const cache = new FreshCache<number>(0);
    let loads = 0;
    await cache.get('a', async () => ++loads);
    await cache.get('a', async () => ++loads);
    expect(loads).toBe(2);
  });
});

import { DeviceLogins } from './device-logins';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('DeviceLogins', () => {
  it('is pending until the wait settles, then hands the outcome over once', async () => {
    let approve: (value: { id: string; role: 'auditor'; team: string }) => void = () => undefined;
    const store = new DeviceLogins(() => 0);
    const id = store.begin(600, () => new Promise((resolve) => (approve = resolve)));
    expect(store.collect(id)).toEqual({ state: 'pending' });
    approve({ id: 'oidc_x', role: 'auditor', team: 'default' });
    await settle();
    expect(store.collect(id)).toEqual({ state: 'approved', principal: { id: 'oidc_x', role: 'auditor', team: 'default' } });
    expect(store.collect(id)).toBeNull();
  });

  it('keeps a failure for the CLI, and aborts the provider poll of an expired sign-in', async () => {
    let now = 0;
    const store = new DeviceLogins(() => now);
    const failed = store.begin(600, () => Promise.reject(new Error('denied')));
    await settle();
    expect(store.collect(failed)).toMatchObject({ state: 'failed' });
    let signal: AbortSignal | undefined;
    const slow = store.begin(600, (s) => {
      signal = s;
      return new Promise(() => undefined);
    });
    now = 600_000;
    expect(store.collect(slow)).toBeNull();
    expect(signal?.aborted).toBe(true);
  });
});

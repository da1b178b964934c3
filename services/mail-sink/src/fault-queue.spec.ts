import { FaultQueue, InvalidFaultRuleError, parseFaultRule } from './fault-queue';

describe('FaultQueue', () => {
  it('applies recipient rules only at RCPT and the others only at DATA, first added first', () => {
    const queue = new FaultQueue();
    queue.add({ code: 550, count: 1, rcptMatch: 'bad' });
    queue.add({ code: 451, count: 1 });
    queue.add({ code: 452, count: 1 });

    expect(queue.takeForRecipient('good@example.com')).toBeUndefined();
    expect(queue.takeForRecipient('BAD@example.com')?.responseCode).toBe(550);
    expect(queue.takeForRecipient('bad@example.com')).toBeUndefined();
    expect(queue.takeForData()?.responseCode).toBe(451);
    expect(queue.takeForData()?.responseCode).toBe(452);
    expect(queue.takeForData()).toBeUndefined();
    expect(queue.firedCount).toBe(3);
    expect(queue.list()).toEqual([]);
  });

  it('does not let callers change queued rules through what it returns', () => {
    const queue = new FaultQueue();
    const rule = queue.add({ code: 451, count: 2 });
    rule.count = 100;
    const listed = queue.list()[0];
    expect(listed).toBeDefined();
    if (listed) listed.count = 100;
    expect(queue.list()[0]?.count).toBe(2);
  });
});

describe('parseFaultRule', () => {
  it.each([
    [null],
    [[]],
    [{ code: 451 }],
    [{ code: 200, count: 1 }],
    [{ code: 451.5, count: 1 }],
    [{ code: 451, count: -1 }],
    [{ code: 451, count: 1, rcptMatch: '' }],
    [{ code: 451, count: 1, message: 'two\nlines' }],
  ])('refuses %j', (body) => {
    expect(() => parseFaultRule(body)).toThrow(InvalidFaultRuleError);
  });

  it('keeps only the known fields', () => {
    expect(parseFaultRule({ code: 550, count: 1, rcptMatch: 'x', extra: true })).toEqual({ code: 550, count: 1, rcptMatch: 'x' });
  });
});

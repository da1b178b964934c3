import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n') };
}

describe('createLogger', () => {
  it('redacts personal fields at any of the first three levels', () => {
    const out = capture();
    const logger = createLogger('test', 'info', out.stream);
    logger.info({ email: 'wang@example.cn', customer: { phone: '13812345678', personal: { idNumber: '11010519491231002X' } }, caseId: 'c1' }, 'imported');
    const line = out.lines()[0] ?? '';
    expect(line).not.toContain('wang@example.cn');
    expect(line).not.toContain('13812345678');
    expect(line).not.toContain('11010519491231002X');
    expect(JSON.parse(line)).toMatchObject({ caseId: 'c1', msg: 'imported', service: 'test', email: '[redacted]' });
  });
});

describe('trace ids on log lines', () => {
  beforeAll(() => context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
  afterAll(() => context.disable());

  it('adds the active span\'s trace and span ids, and nothing without one', () => {
    const out = capture();
    const logger = createLogger('test', 'info', out.stream);
    logger.info('untraced');
    const ids = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 };
    context.with(trace.setSpanContext(ROOT_CONTEXT, ids), () => logger.info('traced'));
    const [untraced, traced] = out.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(untraced).not.toHaveProperty('trace_id');
    expect(traced).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId, msg: 'traced' });
  });
});

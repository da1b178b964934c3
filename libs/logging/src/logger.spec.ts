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

import iconv from 'iconv-lite';
import { luhn, validateIdNumber } from '@handover/domain';
import { gbkCsv, luhnCard, validIdNumber } from './inventory-fixtures';

describe('inventory fixtures', () => {
  it('makes ID numbers and card numbers the validators accept', () => {
    expect(validateIdNumber(validIdNumber('1990-05-17', 12)).valid).toBe(true);
    expect(luhn(luhnCard('622202100000001'))).toBe(true);
  });

  it('writes GBK with CRLF and quotes fields that need it', () => {
    const bytes = gbkCsv([['姓名', '备注'], ['张三', 'a,"b"']]);
    expect(bytes.includes(Buffer.from('张三'))).toBe(false);
    expect(iconv.decode(bytes, 'gb18030')).toBe('姓名,备注\r\n张三,"a,""b"""\r\n');
  });
});

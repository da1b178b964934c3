import { DEFAULT_HANDOVER_FIELDS } from '@handover/contracts';
import type { CustomerPersonalData } from '@handover/persistence';
import { handoverFieldsOf, HandoverFieldsError, packageRecord } from './package-fields';

const personal: CustomerPersonalData = {
  customerId: 'C001',
  name: '张三',
  email: 'z@example.cn',
  phone: '13800138000',
  idNumber: '11010519491231002X',
  bankCard: '6222020000000000000',
  notes: 'VIP',
  products: ['金手镯'],
  extra: {},
};

describe('handover fields', () => {
  it('defaults to the minimised list without ID number, bank card and notes', () => {
    const fields = handoverFieldsOf({ waitingPeriod: 'P30D' });
    expect(fields).toEqual([...DEFAULT_HANDOVER_FIELDS]);
    expect(fields).not.toEqual(expect.arrayContaining(['idNumber']));
    expect(fields).not.toContain('bankCard');
    expect(fields).not.toContain('notes');
  });

  it('takes the configured list in canonical order', () => {
    expect(handoverFieldsOf({ handoverFields: ['email', 'idNumber', 'customerId'] })).toEqual(['customerId', 'email', 'idNumber']);
  });

  it('refuses unknown names and empty lists, naming the position only', () => {
    expect(() => handoverFieldsOf({ handoverFields: ['email', 'password'] })).toThrow(HandoverFieldsError);
    expect(() => handoverFieldsOf({ handoverFields: ['email', 'password'] })).toThrow(/handoverFields\[1\]/);
    expect(() => handoverFieldsOf({ handoverFields: [] })).toThrow(HandoverFieldsError);
    expect(() => handoverFieldsOf({ handoverFields: 'email' })).toThrow(HandoverFieldsError);
  });

  it('keeps only the chosen fields with a value, plus ref and route', () => {
    const record = packageRecord({ ref: 'r1', route: 'notice', type: 'individual' }, personal, handoverFieldsOf({}));
    expect(record).toEqual({
      ref: 'r1',
      route: 'notice',
      customerId: 'C001',
      type: 'individual',
      name: '张三',
      email: 'z@example.cn',
      phone: '13800138000',
      products: ['金手镯'],
    });
    expect(JSON.stringify(record)).not.toContain('6222');
  });
});

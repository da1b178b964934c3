import { FieldCipher, MasterKey } from '@handover/crypto';
import { caseBlindIndex, customerAad, customerRowHash } from './customer-crypto';
import type { CustomerImportRow } from './customer.entity';
import { decryptCustomerPersonal, toClassificationView, toCustomerDocument } from './customer.mapper';

const master = MasterKey.fromBuffer(Buffer.alloc(32, 7));
const cipher = FieldCipher.fromDataKey(Buffer.alloc(32, 9), 'k1');
const crypto = { cipher, blindIndex: caseBlindIndex(master, 'cs_1') };

const PERSONAL = {
  customerId: 'C-000123',
  name: '王小明',
  email: 'wang.xm@example.cn',
  phone: '13912345678',
  idNumber: '11010519491231002X',
  birthDate: '1949-12-31',
  address: '北京市朝阳区建国路88号',
  bankCard: '6222020200112233445',
  notes: 'VIP since 2010',
  products: ['金手镯', '银戒指'],
  lastPurchaseAt: '2024-05-01',
  totalSpent: 12_345.6,
  extra: { 会员等级: '钻石卡 8888' },
};

const row = (overrides: Partial<CustomerImportRow> = {}): CustomerImportRow => ({
  caseId: 'cs_1',
  importId: 'imp_1',
  line: 2,
  type: 'individual',
  personal: { ...PERSONAL, products: [...PERSONAL.products], extra: { ...PERSONAL.extra } },
  classification: { sensitive: ['id_number', 'bank_card', 'financial_account'], minor: false, reachable: true, productLines: ['金手镯', '银戒指'], tier: 'core' },
  legalHold: { ruleId: 'cn-pipl.retention.accounting-archives', until: '2054-05-01' },
  ...overrides,
});

describe('toCustomerDocument', () => {
  it('puts no personal value in clear anywhere in the document', () => {
    const serialised = JSON.stringify(toCustomerDocument(row(), crypto));
    for (const value of ['C-000123', '王小明', 'wang.xm@example.cn', '13912345678', '11010519491231002X', '1949-12-31', '建国路', '6222020200112233445', 'VIP since', '12345.6', '钻石卡', '会员等级', '2024-05-01']) {
      expect(serialised).not.toContain(value);
    }
    // Case-insensitive variants of the email and the ID's check character.
    expect(serialised.toLowerCase()).not.toContain('wang.xm@example.cn');
    expect(serialised.toLowerCase()).not.toContain('11010519491231002x');
  });

  it('keeps the classification in clear, with channels and blind indexes for lookups', () => {
    const doc = toCustomerDocument(row(), crypto);
    expect(doc).toMatchObject({
      caseId: 'cs_1',
      importId: 'imp_1',
      line: 2,
      type: 'individual',
      tier: 'core',
      sensitive: ['id_number', 'bank_card', 'financial_account'],
      minor: false,
      reachable: true,
      channels: { email: true, phone: true },
      legalHold: { ruleId: 'cn-pipl.retention.accounting-archives', until: '2054-05-01' },
    });
    expect(doc._id).toBe(`cs_1:${doc.ref}`);
    expect(doc.ref).toMatch(/^[0-9a-f]{32}$/);
    expect(doc.emailBi).toBe(crypto.blindIndex.compute('email', 'WANG.XM@example.cn '));
    expect(doc.phoneBi).toBe(crypto.blindIndex.compute('phone', '+86 139-1234-5678'));
    expect(doc.idNumberBi).toBe(crypto.blindIndex.compute('id_number', '11010519491231002x'));
    expect(Object.keys(doc)).not.toContain('route');
  });

  it('omits the blind indexes and marks channels false when email and phone are absent', () => {
    const personal = { customerId: 'C-9', products: [], extra: {} };
    const doc = toCustomerDocument(row({ personal, legalHold: null }), crypto);
    expect(doc).not.toHaveProperty('emailBi');
    expect(doc).not.toHaveProperty('phoneBi');
    expect(doc).not.toHaveProperty('idNumberBi');
    expect(doc).not.toHaveProperty('legalHold');
    expect(doc.channels).toEqual({ email: false, phone: false });
  });

  it('decrypts back to the same personal data, and only under its own AAD', () => {
    const doc = toCustomerDocument(row(), crypto);
    expect(decryptCustomerPersonal(doc, cipher)).toEqual(PERSONAL);
    expect(() => cipher.decrypt(doc.personalEnc, customerAad('cs_1', 'another-ref'))).toThrow(/authentication/);
    expect(() => decryptCustomerPersonal({ ...doc, caseId: 'cs_2' }, cipher)).toThrow();
  });

  it('gives one ref per customer_id within a case and unrelated refs across cases', () => {
    const a = toCustomerDocument(row({ line: 2 }), crypto);
    const b = toCustomerDocument(row({ line: 99, importId: 'imp_2' }), crypto);
    const other = toCustomerDocument(row({ caseId: 'cs_2' }), { cipher, blindIndex: caseBlindIndex(master, 'cs_2') });
    expect(b.ref).toBe(a.ref);
    expect(other.ref).not.toBe(a.ref);
    expect(other.emailBi).not.toBe(a.emailBi);
  });

  it('maps the classification view without any personal field', () => {
    const view = toClassificationView(toCustomerDocument(row(), crypto));
    expect(Object.keys(view).sort()).toEqual(['id', 'legalHold', 'minor', 'reachable', 'sensitive', 'tier', 'type']);
  });
});

describe('customerRowHash', () => {
  const bi = crypto.blindIndex;

  it('is stable: independent of key order, line and import', () => {
    const reordered = Object.fromEntries(Object.entries(PERSONAL).reverse()) as typeof PERSONAL;
    expect(customerRowHash(bi, 'individual', reordered)).toBe(customerRowHash(bi, 'individual', PERSONAL));
    const a = toCustomerDocument(row({ line: 2, importId: 'imp_1' }), crypto);
    const b = toCustomerDocument(row({ line: 40, importId: 'imp_9' }), crypto);
    expect(a.rowHash).toBe(b.rowHash);
    expect(a.rowHash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('changes when any field, an extra column or the type changes', () => {
    const base = customerRowHash(bi, 'individual', PERSONAL);
    expect(customerRowHash(bi, 'enterprise', PERSONAL)).not.toBe(base);
    expect(customerRowHash(bi, 'individual', { ...PERSONAL, phone: '13912345679' })).not.toBe(base);
    expect(customerRowHash(bi, 'individual', { ...PERSONAL, extra: { 会员等级: '金卡' } })).not.toBe(base);
    expect(customerRowHash(bi, 'individual', { ...PERSONAL, totalSpent: 1 })).not.toBe(base);
  });

  it('is keyed per case: the same row hashes differently in another case', () => {
    expect(customerRowHash(caseBlindIndex(master, 'cs_2'), 'individual', PERSONAL)).not.toBe(customerRowHash(bi, 'individual', PERSONAL));
  });
});

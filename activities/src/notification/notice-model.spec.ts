import { renderNotice } from '@handover/mail';
import type { CustomerPersonalData } from '@handover/persistence';
import { buildNoticeModel, categoriesOf, DEFAULT_PURPOSE, DEFAULT_RETENTION, noticeDeadlineDate, sensitiveOf, type NoticeModelInput } from './notice-model';

const deadlines = { noticeDeadline: '2026-03-01T10:00:00.000Z', consentDeadline: '2026-03-31T10:00:00.000Z' };

const personal: CustomerPersonalData = {
  customerId: 'C-1',
  name: '张三',
  email: 'zhang@example.cn',
  phone: '13800138000',
  bankCard: '6222020000000000000',
  products: ['金手镯'],
  extra: {},
};

const input = (over: Partial<NoticeModelInput> = {}): NoticeModelInput => ({
  caseFacts: {
    kind: 'asset-sale',
    transferor: { name: '甲公司', contact: '010-12345678' },
    recipient: { name: '乙公司', contact: 'dpo@yi.example', country: 'CN' },
    policy: {},
  },
  customer: { route: 'separate-consent', sensitive: ['bank_card', 'financial_account'], noticeAdditions: ['art30-necessity-impact'] },
  personal,
  deadlines,
  link: 'http://portal.test/c/abc.def',
  reminder: 0,
  ...over,
});

describe('buildNoticeModel', () => {
  it('builds a zh-CN consent notice: categories from the fields present, sensitive from the classification, the consent deadline', () => {
    const model = buildNoticeModel(input());
    expect(model.locale).toBe('zh-CN');
    expect(model.customerName).toBe('张三');
    expect(model.categories).toEqual(['姓名或名称', '电子邮箱', '电话号码', '银行卡号', '购买和消费记录']);
    expect(model.sensitive).toEqual(['银行卡号']);
    expect(model.additions).toEqual(['art30-necessity-impact']);
    expect(model.deadline).toBe('2026-03-31');
    expect(model.purpose).toBe(DEFAULT_PURPOSE['zh-CN']);
    expect(model.retention).toBe(DEFAULT_RETENTION['zh-CN']);
    expect(model.recipient).toEqual({ name: '乙公司', contact: 'dpo@yi.example', country: 'CN' });
    const mail = renderNotice(model);
    expect(mail.text).toContain('单独同意');
    expect(mail.text).toContain('2026-03-31');
    expect(mail.text).toContain('http://portal.test/c/abc.def');
  });

  it('uses the waiting period on notice routes, English when the customer asked, and the declared purpose', () => {
    const model = buildNoticeModel(
      input({
        customer: { route: 'notice', sensitive: [], locale: 'en' },
        caseFacts: { ...input().caseFacts, purposeChange: 'Marketing by the buyer', policy: { retention: { en: 'Three years', 'zh-CN': '三年' } } },
      }),
    );
    expect(model.locale).toBe('en');
    expect(model.deadline).toBe('2026-03-01');
    expect(model.purpose).toBe('Marketing by the buyer');
    expect(model.retention).toBe('Three years');
    expect(model.categories).toContain('email address');
    expect(renderNotice(model).wordingVersion).toBe('notice/en/2026.1');
  });

  it('has no recipient on a delete route of a case without one, and a neutral salutation without a name', () => {
    const { recipient: _none, ...caseFacts } = input().caseFacts;
    const model = buildNoticeModel(input({ caseFacts, customer: { route: 'delete', sensitive: [] }, personal: { customerId: 'C-2', email: 'x@example.cn', products: [], extra: {} } }));
    expect(model.recipient).toBeUndefined();
    expect(model.customerName).toBe('客户');
    expect(model.categories).toEqual(['电子邮箱']);
    expect(renderNotice(model).text).toContain('删除');
  });
});

describe('notice helpers', () => {
  it('names a bank card once, keeps other categories, and falls back to the raw name for unknown ones', () => {
    expect(sensitiveOf(['financial_account'], 'en')).toEqual(['financial account information']);
    expect(sensitiveOf(['id_number', 'bank_card', 'financial_account', 'minor', 'genome'], 'zh-CN')).toEqual(['身份证件号码', '银行卡号', '未成年人的个人信息', 'genome']);
  });

  it('lists extra columns and purchase data as categories without revealing their values', () => {
    const categories = categoriesOf({ customerId: 'C', products: [], totalSpent: 12, extra: { vip: 'gold' } }, 'en');
    expect(categories).toEqual(['purchase history', 'other business records']);
    expect(categories.join(' ')).not.toContain('gold');
  });

  it('picks the deadline by route', () => {
    expect(noticeDeadlineDate('guardian-consent', deadlines)).toBe('2026-03-31');
    expect(noticeDeadlineDate('notice-of-change', deadlines)).toBe('2026-03-01');
  });
});

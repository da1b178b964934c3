import { renderCustomerPage, type CustomerPageModel } from './customer.page';
import { renderErrorPage } from './error.page';
import { PAGE_CSS, PAGE_CSS_HASH } from './page-style';
import { createHash } from 'node:crypto';

const base: CustomerPageModel = {
  locale: 'zh-CN',
  token: 'tok.sig',
  csrf: 'csrf-value',
  timeZone: 'Asia/Shanghai',
  transferorName: '某某珠宝店',
  recipient: { name: '买方<公司>', contact: '021-66666666' },
  route: 'separate-consent',
  deadline: '2026-04-01T00:00:00.000Z',
  deadlinePassed: false,
  offered: ['consent', 'refuse'],
};

// The answer forms (the request form, posting to /c/{token}/requests, is tested in requests/request-form.spec.ts).
const forms = (html: string): string[] => [...html.matchAll(/<form(?![^>]*\/requests)[\s\S]*?<\/form>/g)].map((m) => m[0]);

describe('customer page', () => {
  it('is a UTF-8, phone-sized page with no external assets', () => {
    const html = renderCustomerPage(base);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('name="viewport"');
    expect(html).not.toMatch(/<(script|img|iframe)\b/);
    expect([...html.matchAll(/<link [^>]*>/g)].map((m) => m[0])).toEqual(['<link rel="icon" href="data:,">']);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('shows the recipient (escaped), the route in words and the deadline', () => {
    const html = renderCustomerPage(base);
    expect(html).toContain('买方&lt;公司&gt;');
    expect(html).toContain('021-66666666');
    expect(html).toContain('需要您的单独同意');
    expect(html).toContain('2026年4月1日');
    expect(html).toContain('尚未答复');
  });

  it('offers one form per answer, each posting the CSRF field and the language back to the link', () => {
    const html = renderCustomerPage({ ...base, locale: 'en' });
    const all = forms(html);
    expect(all).toHaveLength(2);
    for (const form of all) {
      expect(form).toContain('action="/c/tok.sig?lang=en"');
      expect(form).toContain('name="csrf" value="csrf-value"');
      expect(form).toContain('name="lang" value="en"');
    }
    expect(all[0]).toContain('value="consent"');
    expect(all[1]).toContain('value="refuse"');
    // Never pre-ticked, never bundled: buttons, not checkboxes.
    expect(html).not.toContain('checkbox');
  });

  it('shows the confirmation and only the withdrawal after consenting', () => {
    const html = renderCustomerPage({ ...base, decision: 'consent', confirmation: 'consent', offered: ['withdraw'] });
    expect(html).toContain('已记录您的同意');
    expect(forms(html)).toHaveLength(1);
    expect(forms(html)[0]).toContain('value="withdraw"');
  });

  it('shows a refused answer and no forms after the deadline', () => {
    const html = renderCustomerPage({ ...base, locale: 'en', deadlinePassed: true, offered: [], rejection: 'DEADLINE_PASSED' });
    expect(html).toContain('The deadline for answering has passed; nothing was recorded.');
    expect(forms(html)).toHaveLength(0);
  });

  it('keeps its style allowed by the CSP hash', () => {
    expect(renderCustomerPage(base)).toContain(`<style>${PAGE_CSS}</style>`);
    expect(PAGE_CSS_HASH).toBe(`sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}`);
  });

  it('renders the same error page for every bad link, in both languages', () => {
    const page = renderErrorPage(404);
    expect(page).toContain('链接无效或已过期');
    expect(page).toContain('This link is invalid or has expired.');
    expect(renderErrorPage(403)).toContain('表单已失效');
    expect(renderErrorPage(500)).toContain('Please try again later');
  });
});

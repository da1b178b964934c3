import { renderRequestForm } from './request-form';

describe('request form on the customer page', () => {
  it('offers every request type, posts to the link with the CSRF field, escapes the token', () => {
    const html = renderRequestForm({ locale: 'en', token: 'tok"en', csrf: 'c1' });
    expect(html).toContain('action="/c/tok&quot;en/requests?lang=en"');
    expect(html).toContain('name="csrf" value="c1"');
    for (const type of ['access', 'copy', 'correct', 'delete', 'withdraw', 'object', 'explanation', 'complaint']) expect(html).toContain(`value="${type}"`);
  });

  it('zh-CN by default wording', () => {
    expect(renderRequestForm({ locale: 'zh-CN', token: 't', csrf: 'c' })).toContain('行使您的个人信息权利');
  });
});

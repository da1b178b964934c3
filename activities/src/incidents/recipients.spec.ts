import { customerLocale, internalSubjectId } from './recipients';

describe('incident recipients', () => {
  it('the customer locale: stored choice first, then a language column of the inventory, zh-CN by default', () => {
    expect(customerLocale('en', { extra: {} })).toBe('en');
    expect(customerLocale('zh-CN', { extra: { language: 'en' } })).toBe('zh-CN');
    expect(customerLocale(undefined, { extra: { Language: 'English' } })).toBe('en');
    expect(customerLocale(null, { extra: { '语言': '英文' } })).toBe('en');
    expect(customerLocale(undefined, { extra: { locale: 'en-US' } })).toBe('en');
    expect(customerLocale(undefined, { extra: { locale: 'zh-CN' } })).toBe('zh-CN');
    expect(customerLocale(undefined, { extra: { notes_en: 'en' } })).toBe('zh-CN');
  });

  it('an internal subject id is a short hash, stable across case and spacing, never the address', () => {
    const id = internalSubjectId('Security@Handover.local ');
    expect(id).toMatch(/^internal-[0-9a-f]{12}$/);
    expect(id).toBe(internalSubjectId('security@handover.local'));
    expect(id).not.toContain('security');
    expect(internalSubjectId('other@handover.local')).not.toBe(id);
  });
});

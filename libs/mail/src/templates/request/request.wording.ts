/** Names of request types in both languages (the customer sees the one of their locale, managers both). */
export const REQUEST_TYPE_WORDS: Record<string, { 'zh-CN': string; en: string }> = {
  access: { 'zh-CN': '查阅', en: 'access' },
  copy: { 'zh-CN': '复制（获取副本）', en: 'copy' },
  correct: { 'zh-CN': '更正、补充', en: 'correction' },
  delete: { 'zh-CN': '删除', en: 'deletion' },
  withdraw: { 'zh-CN': '撤回同意', en: 'withdrawal of consent' },
  object: { 'zh-CN': '拒绝（反对）转移', en: 'objection' },
  explanation: { 'zh-CN': '解释说明处理规则', en: 'explanation of the processing rules' },
  complaint: { 'zh-CN': '投诉', en: 'complaint' },
};

export const requestTypeWord = (type: string, locale: 'zh-CN' | 'en'): string => REQUEST_TYPE_WORDS[type]?.[locale] ?? type;

export interface RenderedRequestMail {
  subject: string;
  text: string;
  html: string;
  wordingVersion: string;
}

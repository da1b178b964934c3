/**
 * Wording of the incident mails, zh-CN and en, versioned: a change of text is a new version, and
 * the version is stored with the drafts. Category texts follow the incident category vocabulary
 * (libs/domain incidents/playbooks/incident-categories.ts).
 */
export type IncidentLocale = 'zh-CN' | 'en';
type Localised = Record<IncidentLocale, string>;

export const INCIDENT_NOTICE_WORDING_VERSION = { 'zh-CN': 'incident-notice/zh-CN/2026.1', en: 'incident-notice/en/2026.1' } as const;
export const INCIDENT_REPORT_WORDING_VERSION = 'incident-report/2026.1';

export interface CategoryWording {
  label: Localised;
  harm: Localised;
  advice: Localised;
}

export const CATEGORY_WORDING: Readonly<Record<string, CategoryWording>> = {
  id_number: {
    label: { 'zh-CN': '身份证件号码', en: 'ID card number' },
    harm: { 'zh-CN': '身份被冒用，被用于办理业务或实施诈骗', en: 'identity theft: your identity used to open accounts or commit fraud' },
    advice: { 'zh-CN': '留意以您名义办理的业务，发现身份被冒用请及时报警', en: 'watch for accounts or services opened in your name and report misuse to the police' },
  },
  bank_card: {
    label: { 'zh-CN': '银行卡号', en: 'bank card number' },
    harm: { 'zh-CN': '银行卡被盗刷或被用于金融诈骗', en: 'fraudulent card payments and financial fraud' },
    advice: { 'zh-CN': '关注银行卡交易记录，必要时联系发卡银行挂失或更换银行卡', en: 'check your card transactions and, if in doubt, ask your bank to block or replace the card' },
  },
  financial_account: {
    label: { 'zh-CN': '金融账户信息', en: 'financial account information' },
    harm: { 'zh-CN': '账户被盗用', en: 'takeover of your financial accounts' },
    advice: { 'zh-CN': '修改支付密码并开启交易提醒', en: 'change your payment passwords and turn on transaction alerts' },
  },
  minor: {
    label: { 'zh-CN': '不满十四周岁未成年人的个人信息', en: 'personal information of a child under 14' },
    harm: { 'zh-CN': '针对未成年人或其监护人的诈骗、骚扰', en: 'scams or harassment aimed at the child or the guardian' },
    advice: { 'zh-CN': '监护人请留意针对孩子的可疑联系', en: 'guardians: watch for suspicious contact with the child' },
  },
  health: {
    label: { 'zh-CN': '健康信息', en: 'health information' },
    harm: { 'zh-CN': '歧视或名誉受损', en: 'discrimination or damage to reputation' },
    advice: { 'zh-CN': '警惕冒充医疗机构的来电和信息', en: 'beware of calls and messages impersonating health providers' },
  },
  biometric: {
    label: { 'zh-CN': '生物识别信息', en: 'biometric data' },
    harm: { 'zh-CN': '身份认证被绕过', en: 'bypassing of biometric authentication' },
    advice: { 'zh-CN': '为重要账户启用额外的验证方式', en: 'turn on an additional authentication method for important accounts' },
  },
  religion: {
    label: { 'zh-CN': '宗教信仰信息', en: 'religious beliefs' },
    harm: { 'zh-CN': '歧视', en: 'discrimination' },
    advice: { 'zh-CN': '警惕来历不明的联系', en: 'be wary of unsolicited contact' },
  },
  location: {
    label: { 'zh-CN': '行踪轨迹', en: 'precise location' },
    harm: { 'zh-CN': '人身安全风险、跟踪或骚扰', en: 'risks to personal safety, stalking or harassment' },
    advice: { 'zh-CN': '留意异常跟踪或骚扰，必要时报警', en: 'watch for being followed or harassed and call the police if needed' },
  },
  contact: {
    label: { 'zh-CN': '姓名、联系方式和地址', en: 'name, contact details and address' },
    harm: { 'zh-CN': '垃圾信息、电话诈骗和钓鱼邮件', en: 'spam, phone scams and phishing' },
    advice: {
      'zh-CN': '不要点击可疑链接，不要向任何人透露验证码；我们不会通过电话或邮件索要您的密码',
      en: 'do not click suspicious links or share verification codes; we will never ask for your password by phone or email',
    },
  },
  transactions: {
    label: { 'zh-CN': '购买记录和消费信息', en: 'purchase history and spending' },
    harm: { 'zh-CN': '冒充客服的退款、理赔等精准诈骗', en: 'targeted scams such as fake customer-service refunds' },
    advice: { 'zh-CN': '警惕自称客服的退款、理赔来电，通过官方渠道核实', en: 'be wary of "customer service" refund calls and check through our official channels' },
  },
  all: {
    label: { 'zh-CN': '客户档案中的全部信息', en: 'the whole customer record' },
    harm: { 'zh-CN': '身份被冒用、诈骗和骚扰', en: 'identity theft, fraud and harassment' },
    advice: {
      'zh-CN': '留意以您名义办理的业务和可疑联系，不要透露验证码',
      en: 'watch for services opened in your name and for suspicious contact; never share verification codes',
    },
  },
};

export const DEFAULT_CAUSE: Localised = {
  'zh-CN': '原因正在调查中，我们将及时告知进展',
  en: 'the cause is under investigation; we will keep you informed',
};

export const DEFAULT_MEASURES: Record<IncidentLocale, readonly string[]> = {
  'zh-CN': ['已启动应急预案，控制事态并阻断进一步的泄露', '正在调查原因并加固相关系统', '已按规定向主管部门报告'],
  en: ['we started our emergency plan, contained the incident and stopped further leakage', 'we are investigating the cause and hardening the systems involved', 'we reported the incident to the competent authority as required'],
};

/** Wording of one category, with a neutral fallback for a code without one. */
export function categoryWording(code: string): CategoryWording {
  return (
    CATEGORY_WORDING[code] ?? {
      label: { 'zh-CN': code, en: code },
      harm: { 'zh-CN': '个人信息被滥用', en: 'misuse of personal information' },
      advice: { 'zh-CN': '警惕可疑联系', en: 'be wary of unsolicited contact' },
    }
  );
}

export const INCIDENT_NOTICE_TEMPLATES: Record<IncidentLocale, { subject: string; body: string }> = {
  'zh-CN': {
    subject: '{{#if organisation}}【{{organisation}}】{{/if}}个人信息安全事件告知（事件编号 {{incidentId}}）',
    body: `尊敬的客户：

我们于 {{detectedDate}} 发现一起涉及或可能涉及您个人信息的安全事件。根据《中华人民共和国个人信息保护法》第五十七条，现将有关情况告知如下。

一、涉及的个人信息种类、事件原因和可能造成的危害
涉及的个人信息种类：{{categories}}
事件原因：{{cause}}
可能造成的危害：
{{#each harms}}  - {{this}}
{{/each}}
二、已采取的补救措施和您可以采取的减轻危害的措施
我们已采取的补救措施：
{{#each measures}}  - {{this}}
{{/each}}
您可以采取的措施：
{{#each advice}}  - {{this}}
{{/each}}
三、联系方式
如有疑问，或需要了解更多情况，请联系：{{contact}}

事件编号：{{incidentId}}`,
  },
  en: {
    subject: '{{#if organisation}}[{{organisation}}] {{/if}}Personal information security incident notice (incident {{incidentId}})',
    body: `Dear customer,

On {{detectedDate}} we discovered a security incident that affects, or may affect, your personal information. As required by Article 57 of the Personal Information Protection Law of the PRC, we inform you as follows.

1. Categories of personal information, cause and possible harm
Categories of personal information involved: {{categories}}
Cause: {{cause}}
Possible harm:
{{#each harms}}  - {{this}}
{{/each}}
2. Measures we have taken and what you can do to reduce the harm
Measures we have taken:
{{#each measures}}  - {{this}}
{{/each}}
What you can do:
{{#each advice}}  - {{this}}
{{/each}}
3. Contact
For questions or more information, contact: {{contact}}

Incident reference: {{incidentId}}`,
  },
};

/**
 * The notice wording, zh-CN and en, versioned: a change of text is a new version, and the version
 * shown is stored with each send and each answer as evidence. Handlebars (HTML-escaped by default).
 */
export const NOTICE_WORDING_VERSION = { 'zh-CN': 'notice/zh-CN/2026.1', en: 'notice/en/2026.1' } as const;

export const NOTICE_TEMPLATES = {
  'zh-CN': {
    subject: '{{#if reminder}}【提醒】{{/if}}关于您个人信息{{#if consent}}转移的单独同意请求{{else}}转移的告知{{/if}}（{{transferor.name}}）',
    body: `尊敬的{{customerName}}：

{{#if deleteRoute}}因{{transferor.name}}{{kindZh}}且无承接方，我们将删除您的个人信息（法律规定须保存的除外，保存期间仅作存储和必要的安全保护）。
{{else if changeRoute}}{{transferor.name}}的控制权发生变更。处理您个人信息的主体不变，处理目的和方式不变。
{{else}}因{{transferor.name}}{{kindZh}}，您的个人信息将转移给接收方：
  接收方名称：{{recipient.name}}
  接收方联系方式：{{recipient.contact}}
{{#if crossBorder}}  接收方所在国家或地区：{{recipient.country}}（境外接收方）。您可以通过上述联系方式向境外接收方行使查阅、复制、更正、删除等权利。
{{/if}}  处理目的和方式：{{purpose}}
  个人信息种类：{{categoriesText}}
{{#if sensitiveText}}  其中敏感个人信息：{{sensitiveText}}。处理这些信息是继续履行与您的交易及法定义务所必需；转移后由接收方采取同等保护措施，对您的权益影响为：接收方将可查看这些信息。
{{/if}}  保存期限：{{retention}}
接收方将继续履行个人信息处理者的义务。
{{/if}}
{{#if consent}}此次转移需要{{#if guardian}}您作为监护人的{{/if}}单独同意。未在 {{deadline}} 前同意的，视为不同意，您的信息不会被转移。
{{else}}如您反对，请在 {{deadline}} 前通过下方链接提出。
{{/if}}
请通过您的专属链接表达意见或行使权利（同意、拒绝、反对、查阅、复制、更正、删除、投诉）：
{{link}}

转出方联系方式：{{transferor.name}}，{{transferor.contact}}
此链接仅供您本人使用，请勿转发。`,
  },
  en: {
    subject: '{{#if reminder}}[Reminder] {{/if}}{{#if consent}}Your separate consent is requested: transfer of your personal information{{else}}Notice: transfer of your personal information{{/if}} ({{transferor.name}})',
    body: `Dear {{customerName}},

{{#if deleteRoute}}Because {{transferor.name}} is ending its business ({{caseKind}}) with no successor, we will delete your personal information (except what the law requires us to keep; that is only stored and secured).
{{else if changeRoute}}The ownership of {{transferor.name}} is changing. The organisation processing your personal information, and its purpose and method, stay the same.
{{else}}Because of the {{caseKind}} of {{transferor.name}}, your personal information will be transferred to:
  Recipient: {{recipient.name}}
  Contact: {{recipient.contact}}
{{#if crossBorder}}  Country or region: {{recipient.country}} (outside mainland China). You may exercise your rights of access, copy, correction and deletion against the foreign recipient through the contact above.
{{/if}}  Purpose and method: {{purpose}}
  Categories of personal information: {{categoriesText}}
{{#if sensitiveText}}  Sensitive personal information: {{sensitiveText}}. It is needed to continue your transactions and meet legal duties; the recipient protects it equally, and will be able to see it.
{{/if}}  Retention: {{retention}}
The recipient continues the obligations of the original processor.
{{/if}}
{{#if consent}}This transfer needs your {{#if guardian}}consent as parent or guardian{{else}}separate consent{{/if}}. Without your consent by {{deadline}} your information will not be transferred.
{{else}}If you object, tell us by {{deadline}} through the link below.
{{/if}}
Use your personal link to answer or to exercise your rights (consent, refuse, object, access, copy, correct, delete, complain):
{{link}}

Transferor: {{transferor.name}}, {{transferor.contact}}
This link is for you only; please do not forward it.`,
  },
} as const;

/**
 * The notice of EU-GDPR cases (Art. 13 and 14 information, no PIPL wording), zh-CN and en,
 * versioned separately from the CN notice. Each element Art. 13/14 asks for has its own line:
 * controller and contact, data protection contact, purposes and legal basis, recipients,
 * third-country transfer and safeguards, retention, the data subject's rights, the complaint to a
 * supervisory authority, the source of the data (Art. 14(2)(f)) and automated decision-making.
 */
export const EU_NOTICE_WORDING_VERSION = { 'zh-CN': 'notice-eu/zh-CN/2026.1', en: 'notice-eu/en/2026.1' } as const;

export const EU_NOTICE_TEMPLATES = {
  'zh-CN': {
    subject: '{{#if reminder}}【提醒】{{/if}}关于您个人数据{{#if consent}}转移的同意请求{{else}}转移的告知{{/if}}（{{transferor.name}}）',
    body: `尊敬的{{customerName}}：

{{#if deleteRoute}}因{{transferor.name}}{{kindZh}}且无承接方，我们将删除您的个人数据（法律要求保存的除外，保存期间仅作存储和必要的安全保护）。
{{else if changeRoute}}{{transferor.name}}的所有权发生变更。您个人数据的控制者不变，处理目的和方式不变。
{{else}}因{{transferor.name}}{{kindZh}}，您的个人数据将转移给新的控制者：
  接收方（新的控制者）名称：{{recipient.name}}
  接收方联系方式：{{recipient.contact}}
{{#if crossBorder}}  第三国转移：接收方位于欧盟/欧洲经济区以外（{{recipient.country}}）。转移依据充分性认定或标准合同条款等适当保障措施（GDPR 第45、46条）；您可以通过上述联系方式获取保障措施的副本。
{{/if}}  处理目的：{{purpose}}
  法律依据：{{#if consent}}您的同意（GDPR 第6条第1款(a)项）{{else}}控制者继续经营业务、继续为您提供服务的正当利益（GDPR 第6条第1款(f)项），您有权反对（第21条）{{/if}}
  个人数据种类：{{categoriesText}}
{{#if sensitiveText}}  其中特殊类别或敏感数据：{{sensitiveText}}。
{{/if}}  数据来源：接收方从{{transferor.name}}获得您的个人数据，该数据由{{transferor.name}}向您收集。
  保存期限：{{retention}}
  自动化决策：不对您作出自动化决策（包括画像）。
{{/if}}
控制者：{{transferor.name}}，联系方式：{{transferor.contact}}
数据保护联系人（如设有数据保护官）：可通过上述控制者联系方式联系。
您的权利：查阅、更正、删除、限制处理、反对处理、数据可携带；基于同意的处理，您可随时撤回同意，撤回不影响撤回前处理的合法性。
您有权向数据保护监督机构（尤其是您惯常居住地、工作地或涉嫌违法行为发生地的监督机构）投诉。
{{#if consent}}此次转移需要{{#if guardian}}您作为父母或监护人的{{/if}}同意。未在 {{deadline}} 前同意的，您的数据不会被转移。
{{else}}如您反对，请在 {{deadline}} 前通过下方链接提出。
{{/if}}
请通过您的专属链接表达意见或行使上述权利：
{{link}}

此链接仅供您本人使用，请勿转发。`,
  },
  en: {
    subject: '{{#if reminder}}[Reminder] {{/if}}{{#if consent}}Your consent is requested: transfer of your personal data{{else}}Notice: transfer of your personal data{{/if}} ({{transferor.name}})',
    body: `Dear {{customerName}},

{{#if deleteRoute}}Because {{transferor.name}} is ending its business ({{caseKind}}) with no successor, we will erase your personal data (except what the law requires us to keep; that is only stored and secured).
{{else if changeRoute}}The ownership of {{transferor.name}} is changing. The controller of your personal data, and the purposes and means of processing, stay the same.
{{else}}Because of the {{caseKind}} of {{transferor.name}}, your personal data will be transferred to a new controller:
  Recipient (new controller): {{recipient.name}}
  Recipient's contact: {{recipient.contact}}
{{#if crossBorder}}  Transfer to a third country: the recipient is outside the EU/EEA ({{recipient.country}}). The transfer relies on an adequacy decision or appropriate safeguards such as standard contractual clauses (GDPR Art. 45, 46); you can obtain a copy of the safeguards through the contact above.
{{/if}}  Purposes of processing: {{purpose}}
  Legal basis: {{#if consent}}your consent (GDPR Art. 6(1)(a)){{else}}the controllers' legitimate interest in continuing the business and serving you (GDPR Art. 6(1)(f)), to which you may object (Art. 21){{/if}}
  Categories of personal data: {{categoriesText}}
{{#if sensitiveText}}  Special or sensitive categories: {{sensitiveText}}.
{{/if}}  Source of the data: the recipient obtains your personal data from {{transferor.name}}, which collected it from you.
  Retention period: {{retention}}
  Automated decision-making: no decision based solely on automated processing, including profiling, is made about you.
{{/if}}
Controller: {{transferor.name}}, contact: {{transferor.contact}}
Data protection officer (where one is designated): reachable through the controller's contact above.
Your rights: access, rectification, erasure, restriction of processing, objection to processing, and data portability; where processing is based on consent, you may withdraw your consent at any time without affecting the lawfulness of processing before the withdrawal.
You have the right to lodge a complaint with a supervisory authority, in particular in the member state of your habitual residence, place of work or of the alleged infringement.
{{#if consent}}This transfer needs your {{#if guardian}}consent as parent or guardian{{else}}consent{{/if}}. Without your consent by {{deadline}} your data will not be transferred.
{{else}}If you object, tell us by {{deadline}} through the link below.
{{/if}}
Use your personal link to answer or to exercise your rights:
{{link}}

This link is for you only; please do not forward it.`,
  },
} as const;

export const KIND_ZH: Record<string, string> = {
  bankruptcy: '被宣告破产', merger: '合并', division: '分立', dissolution: '解散', 'asset-sale': '出售相关业务资产',
  'equity-transfer': '股权转让', 'branch-deregistration': '分支机构注销',
};

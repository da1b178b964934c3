export * from './mailer.port';
export * from './nodemailer.mailer';
export * from './templates/escape';
export * from './templates/case-opened.template';
export * from './templates/notice/notice.model';
export * from './templates/notice/notice.template';
export { NOTICE_WORDING_VERSION } from './templates/notice/notice.wording';
export * from './templates/piia.template';
export * from './templates/incident';

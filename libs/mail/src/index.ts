export * from './mailer.port';
export * from './nodemailer.mailer';
export * from './templates/escape';
export * from './templates/case-opened.template';

export { MailSink } from './mail-sink';
export type {
  FaultRule,
  FaultRuleInput,
  MailAddress,
  MailSinkOptions,
  MailSinkPorts,
  MessageDetail,
  MessageList,
  MessageSummary,
  SinkStats,
} from './types';

/** The two deadlines of the notification phase, as ISO strings the workflow computed from its time. */
export interface CaseDeadlines {
  /** End of the waiting period: notice routes may object until then. */
  noticeDeadline: string;
  /** Consent routes must consent by then; silence is refusal. */
  consentDeadline: string;
}

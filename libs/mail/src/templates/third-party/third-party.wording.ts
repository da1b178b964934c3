/** Versions of the third-party wordings; stored in the send ledger with each message. */
export const THIRD_PARTY_REQUEST_WORDING_VERSION = 'third-party-request/2026.1';
export const THIRD_PARTY_ESCALATION_WORDING_VERSION = 'third-party-escalation/2026.1';

/** An instant in China time, named (the third parties and managers of a CN case read it so), with UTC for the English part. */
export function formatDue(iso: string, locale: 'zh-CN' | 'en'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (locale === 'en') return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const when = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return `${when}（北京时间）`;
}

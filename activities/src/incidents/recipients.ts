import { createHash } from 'node:crypto';
import type { CustomerPersonalData } from '@handover/persistence';

export type IncidentLocale = 'zh-CN' | 'en';

/**
 * Ledger subject of an internal address: a short hash, so the ledger holds no address and an
 * address keeps its subject when the configured list is reordered.
 */
export const internalSubjectId = (address: string): string =>
  `internal-${createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 12)}`;

const LOCALE_COLUMNS = ['locale', 'language', 'lang', '语言'];

/**
 * The notice language of a customer: the stored `locale` (portal choice), else a locale/language
 * column of the inventory (`en`, `en-US`, `English`, `英文` → en); zh-CN otherwise.
 */
export function customerLocale(stored: string | undefined | null, personal: Pick<CustomerPersonalData, 'extra'>): IncidentLocale {
  if (stored === 'en' || stored === 'zh-CN') return stored;
  for (const [column, value] of Object.entries(personal.extra ?? {})) {
    if (!LOCALE_COLUMNS.includes(column.trim().toLowerCase())) continue;
    const v = value.trim().toLowerCase();
    if (v.startsWith('en') || v === '英文' || v === '英语') return 'en';
  }
  return 'zh-CN';
}

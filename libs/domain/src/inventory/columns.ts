/**
 * Inventory columns: the canonical (English) names of docs/api.md "Inventory columns", the Chinese
 * header names Excel exports carry, and the optional sensitive columns (PIPL Art. 28).
 * Pure TypeScript: bundled into Temporal workflows.
 */

export const CANONICAL_COLUMNS = [
  'customer_id',
  'type',
  'name',
  'email',
  'phone',
  'id_number',
  'birth_date',
  'address',
  'products',
  'last_purchase_at',
  'total_spent',
  'bank_card',
  'notes',
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

/** Optional columns whose mere presence (non-empty) makes a record sensitive. */
export const SENSITIVE_COLUMNS = ['health', 'biometric', 'religion', 'location'] as const;
export type SensitiveColumn = (typeof SENSITIVE_COLUMNS)[number];

export type InventoryColumn = CanonicalColumn | SensitiveColumn;

/** Chinese header names, exactly as docs/api.md lists them (`姓名` and `名称` both mean `name`). */
export const CHINESE_COLUMN_NAMES: Readonly<Record<InventoryColumn, readonly string[]>> = {
  customer_id: ['客户编号'],
  type: ['客户类型'],
  name: ['姓名', '名称'],
  email: ['邮箱'],
  phone: ['手机'],
  id_number: ['身份证号'],
  birth_date: ['出生日期'],
  address: ['地址'],
  products: ['购买产品'],
  last_purchase_at: ['最近购买时间'],
  total_spent: ['累计消费'],
  bank_card: ['银行卡号'],
  notes: ['备注'],
  health: ['健康状况', '健康'],
  biometric: ['生物识别'],
  religion: ['宗教信仰', '宗教'],
  location: ['精确位置', '位置', '定位'],
};

/** English spellings accepted besides the canonical name (compared after normaliseEnglish). */
const ENGLISH_ALIASES: Readonly<Partial<Record<InventoryColumn, readonly string[]>>> = {
  biometric: ['biometrics'],
  location: ['precise_location'],
};

/**
 * The columns the rejected-rows export adds before the inventory columns: the quarantine entry a
 * corrected row replaces (`rejection_id`), where and why it was rejected, and a malformed row's
 * text (`raw_line`). An upload reads `rejection_id` and drops all of them: never customer data.
 */
export const REJECTION_ID_COLUMN = 'rejection_id';
export const REJECTION_EXPORT_COLUMNS = [REJECTION_ID_COLUMN, 'rejection_line', 'rejection_field', 'rejection_reason'] as const;
export const RAW_LINE_COLUMN = 'raw_line';
const EXPORT_ONLY_COLUMNS: ReadonlySet<string> = new Set<string>([...REJECTION_EXPORT_COLUMNS, RAW_LINE_COLUMN]);
export function isExportOnlyColumn(name: string): boolean {
  return EXPORT_ONLY_COLUMNS.has(name);
}

const KNOWN_COLUMNS: ReadonlySet<string> = new Set<string>([...CANONICAL_COLUMNS, ...SENSITIVE_COLUMNS]);

export function isInventoryColumn(name: string): name is InventoryColumn {
  return KNOWN_COLUMNS.has(name);
}

export function isSensitiveColumn(name: string): name is SensitiveColumn {
  return (SENSITIVE_COLUMNS as readonly string[]).includes(name);
}

/** Trim, drop a byte-order mark and fold full-width forms (ｅｍａｉｌ → email). */
export function cleanHeaderName(raw: string): string {
  return raw.replace(/\uFEFF/g, '').normalize('NFKC').trim();
}

/** customerId / Customer ID / customer-id → customer_id */
function normaliseEnglish(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s\-.]+/g, '_');
}

const LOOKUP: ReadonlyMap<string, InventoryColumn> = (() => {
  const map = new Map<string, InventoryColumn>();
  for (const column of KNOWN_COLUMNS as ReadonlySet<InventoryColumn>) {
    map.set(column, column);
    for (const alias of ENGLISH_ALIASES[column] ?? []) map.set(alias, column);
    for (const chinese of CHINESE_COLUMN_NAMES[column]) map.set(chinese, column);
  }
  return map;
})();

/** The inventory column a header (or NDJSON key) names, or null when it is not one we know. */
export function canonicalColumn(rawName: string): InventoryColumn | null {
  const cleaned = cleanHeaderName(rawName);
  if (cleaned === '') return null;
  return LOOKUP.get(cleaned) ?? LOOKUP.get(normaliseEnglish(cleaned)) ?? null;
}

export interface HeaderColumn {
  /** Position in the header (0-based). */
  index: number;
  /** The header cell as given. */
  raw: string;
  /** The inventory column it names, or null for an unknown column (kept as an extra attribute). */
  canonical: InventoryColumn | null;
  /**
   * The key this column's values get in a parsed record: the canonical name, else the cleaned
   * header, else `column_<n>` for an empty header cell.
   */
  key: string;
}

export interface HeaderMapping {
  columns: HeaderColumn[];
  /** Cleaned names of the columns that are not inventory columns. */
  unknown: string[];
  /**
   * Keys named by more than one header cell (e.g. both 姓名 and 名称, or `email` and 邮箱). Parsers
   * keep the first non-empty value among them.
   */
  duplicates: string[];
  /** False when no header names customer_id: every row would be rejected. */
  hasCustomerId: boolean;
}

export function mapHeader(rawHeaders: readonly string[]): HeaderMapping {
  const columns: HeaderColumn[] = [];
  const unknown: string[] = [];
  const duplicates: string[] = [];
  const seen = new Set<string>();
  rawHeaders.forEach((raw, index) => {
    const canonical = canonicalColumn(raw);
    const cleaned = cleanHeaderName(raw);
    const key = canonical ?? (cleaned === '' ? `column_${index + 1}` : cleaned);
    if (canonical === null) unknown.push(cleaned);
    if (seen.has(key)) {
      if (!duplicates.includes(key)) duplicates.push(key);
    } else {
      seen.add(key);
    }
    columns.push({ index, raw, canonical, key });
  });
  return { columns, unknown, duplicates, hasCustomerId: seen.has('customer_id') };
}

/**
 * Sets `record[key] = value` unless the key already holds a non-empty value: the rule for
 * duplicate columns (first non-empty value wins).
 */
export function assignColumnValue(record: Record<string, string>, key: string, value: string): void {
  const current = record[key];
  if (current === undefined || (current.trim() === '' && value.trim() !== '')) record[key] = value;
}

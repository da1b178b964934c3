/**
 * Validates one inventory row (docs/api.md "Inventory columns") and builds the customer it describes.
 * Checks that need the parser (field count) or the case (duplicate customer_id) belong to the
 * caller; their reasons are in REJECTION_REASONS. Error reasons never contain the rejected value.
 */
import { classify, splitProducts, type Classification, type TierRules } from './classification';
import { isInventoryColumn, type InventoryColumn } from './columns';
import { parseDate } from './dates';
import { validateIdNumber } from './id-number';
import { REJECTION_REASONS, type FieldError } from './rejection-reasons';
import { isEmail, normalisePhone, validateBankCard } from './validators';

export type CustomerType = 'individual' | 'enterprise';

export interface PersonalFields {
  name?: string;
  email?: string;
  /** National digits (see normalisePhone). */
  phone?: string;
  /** Trimmed, 'x' upper-cased; 15-digit legacy numbers kept as given. */
  idNumber?: string;
  /** 'YYYY-MM-DD' from the birth_date column. */
  birthDate?: string;
  address?: string;
  /** Digits only. */
  bankCard?: string;
  notes?: string;
  health?: string;
  biometric?: string;
  religion?: string;
  location?: string;
}

export interface ValidatedCustomer {
  customerId: string;
  type: CustomerType;
  personal: PersonalFields;
  /** Product names as written (trimmed, de-duplicated). */
  products: string[];
  /** 'YYYY-MM-DD' or ISO datetime (UTC). */
  lastPurchaseAt?: string;
  totalSpent?: number;
  /** Unknown columns, by their header name (non-empty values only). */
  extra: Record<string, string>;
  derived: Classification;
}

export interface RowContext {
  /** The row's line in the source file (echoed back in the result for the rejected-rows listing). */
  line: number;
  /** Reference date for minor status and dormancy. Pass the import's start time; defaults to now. */
  at?: string | Date;
  tierRules?: TierRules;
  /** Offset (minutes east of UTC) for datetimes without one, e.g. 480 for China. Default 0. */
  defaultOffsetMinutes?: number;
}

export type RowValidation =
  | { ok: true; line: number; customer: ValidatedCustomer }
  | { ok: false; line: number; errors: FieldError[] };

export type InventoryRecord = Readonly<Partial<Record<InventoryColumn, string>> & Record<string, string | undefined>>;

const CUSTOMER_TYPES: Readonly<Record<string, CustomerType>> = {
  individual: 'individual',
  enterprise: 'enterprise',
  个人: 'individual',
  企业: 'enterprise',
};

/** individual/enterprise (any case) or 个人/企业; empty means individual; null when unrecognised. */
export function parseCustomerType(raw: string | undefined): CustomerType | null {
  const value = (raw ?? '').normalize('NFKC').trim().toLowerCase();
  if (value === '') return 'individual';
  return CUSTOMER_TYPES[value] ?? null;
}

/** '¥12,345.60', '￥100', '1,000元', 'RMB 5' → number; null when not a non-negative number. */
export function parseAmount(raw: string): number | null {
  const text = raw
    .normalize('NFKC')
    .replace(/[\s,]/g, '')
    .replace(/^(?:¥|RMB|CNY)/i, '')
    .replace(/元$/, '');
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function value(record: InventoryRecord, key: string): string | undefined {
  const v = record[key]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

export function validateRow(record: InventoryRecord, ctx: RowContext): RowValidation {
  const errors: FieldError[] = [];
  const fail = (field: InventoryColumn, reason: FieldError['reason']): void => {
    errors.push({ field, reason });
  };
  const dateOptions = { defaultOffsetMinutes: ctx.defaultOffsetMinutes ?? 0 };

  const customerId = value(record, 'customer_id');
  if (customerId === undefined) fail('customer_id', REJECTION_REASONS.missingCustomerId);

  const type = parseCustomerType(record.type);
  if (type === null) fail('type', REJECTION_REASONS.invalidType);

  const personal: PersonalFields = {};
  for (const key of ['name', 'address', 'notes', 'health', 'biometric', 'religion', 'location'] as const) {
    const v = value(record, key);
    if (v !== undefined) personal[key] = v;
  }

  const email = value(record, 'email');
  if (email !== undefined) {
    if (isEmail(email)) personal.email = email;
    else fail('email', REJECTION_REASONS.invalidEmail);
  }

  const phone = value(record, 'phone');
  if (phone !== undefined) {
    const normalised = normalisePhone(phone);
    if (normalised !== null) personal.phone = normalised;
    else fail('phone', REJECTION_REASONS.invalidPhone);
  }

  const idNumber = value(record, 'id_number');
  if (idNumber !== undefined) {
    const result = validateIdNumber(idNumber);
    if (result.valid) personal.idNumber = result.idNumber;
    else fail('id_number', result.reason);
  }

  const birth = value(record, 'birth_date');
  if (birth !== undefined) {
    const parsed = parseDate(birth, dateOptions);
    if (parsed !== null) personal.birthDate = parsed.slice(0, 10);
    else fail('birth_date', REJECTION_REASONS.invalidDate);
  }

  const card = value(record, 'bank_card');
  if (card !== undefined) {
    const result = validateBankCard(card);
    if (result.valid) personal.bankCard = result.digits;
    else fail('bank_card', result.reason === 'luhn' ? REJECTION_REASONS.bankCardLuhn : REJECTION_REASONS.bankCardLength);
  }

  let lastPurchaseAt: string | undefined;
  const last = value(record, 'last_purchase_at');
  if (last !== undefined) {
    const parsed = parseDate(last, dateOptions);
    if (parsed !== null) lastPurchaseAt = parsed;
    else fail('last_purchase_at', REJECTION_REASONS.invalidDate);
  }

  let totalSpent: number | undefined;
  const spent = value(record, 'total_spent');
  if (spent !== undefined) {
    const parsed = parseAmount(spent);
    if (parsed !== null) totalSpent = parsed;
    else fail('total_spent', REJECTION_REASONS.invalidTotalSpent);
  }

  if (errors.length > 0 || customerId === undefined || type === null) {
    return { ok: false, line: ctx.line, errors };
  }

  const products = splitProducts(record.products ?? '');
  const extra: Record<string, string> = {};
  for (const [key, raw] of Object.entries(record)) {
    const v = raw?.trim();
    if (!isInventoryColumn(key) && v !== undefined && v !== '') extra[key] = v;
  }

  const derived = classify(
    { ...personal, products, totalSpent, lastPurchaseAt },
    { at: ctx.at ?? new Date(), ...(ctx.tierRules ? { tierRules: ctx.tierRules } : {}) },
  );
  return {
    ok: true,
    line: ctx.line,
    customer: {
      customerId,
      type,
      personal,
      products,
      ...(lastPurchaseAt !== undefined ? { lastPurchaseAt } : {}),
      ...(totalSpent !== undefined ? { totalSpent } : {}),
      extra,
      derived,
    },
  };
}

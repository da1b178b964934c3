/**
 * Field validators for inventory rows: email, phone (mainland China), bank card (Luhn).
 * ID numbers and dates live in their own files and are re-exported here.
 * Pure TypeScript: bundled into Temporal workflows.
 */
export { validateIdNumber, birthDateFromId, idNumberCheckChar, upgradeLegacyIdNumber } from './id-number';
export type { IdNumberValidation } from './id-number';
export { parseDate, isMinor, ageAt, daysBetween } from './dates';
export type { ParseDateOptions } from './dates';

// local@domain.tld: no spaces, quotes or brackets in the local part, dot-separated labels, a TLD of
// two or more letters (non-ASCII letters allowed for internationalised domains).
const EMAIL_RE =
  /^(?!\.)(?!.*\.\.)[^\s@"(),:;<>[\]\\]{1,64}(?<!\.)@(?=.{1,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u;

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL_RE.test(value);
}

export type PhoneKind = 'mobile' | 'landline';

export interface ParsedPhone {
  kind: PhoneKind;
  /** National digits: 11 for a mobile (138…), 10–12 starting with the trunk 0 for a landline. */
  national: string;
  /** E.164: +86 then the national number without its trunk 0. */
  e164: string;
}

const MOBILE_RE = /^1[3-9]\d{9}$/;
/** `0` + 2–3 digit area code + 7–8 digit number (docs/api.md). */
const LANDLINE_RE = /^0\d{2,3}\d{7,8}$/;
/** After +86 a landline drops its trunk 0: area codes 10, 2x, or 3–9xx. */
const LANDLINE_NO_TRUNK_RE = /^(?:10|[2-9]\d)\d{7,9}$/;

/**
 * Reads a mainland phone number: mobile `1[3-9]` + 9 digits, or landline `0` + 2–3 digit area code
 * + 7–8 digits; a `+86` / `86` country prefix, spaces and dashes allowed. Null otherwise.
 */
export function parsePhone(raw: string): ParsedPhone | null {
  let digits = raw.normalize('NFKC').replace(/[\s-]+/g, '');
  let international = false;
  if (digits.startsWith('+86')) {
    digits = digits.slice(3);
    international = true;
  } else if (digits.startsWith('86') && (MOBILE_RE.test(digits.slice(2)) || LANDLINE_RE.test(digits.slice(2)))) {
    digits = digits.slice(2);
    international = true;
  }
  if (!/^\d+$/.test(digits)) return null;
  if (MOBILE_RE.test(digits)) return { kind: 'mobile', national: digits, e164: `+86${digits}` };
  if (international && !digits.startsWith('0') && LANDLINE_NO_TRUNK_RE.test(digits)) digits = `0${digits}`;
  if (LANDLINE_RE.test(digits)) return { kind: 'landline', national: digits, e164: `+86${digits.slice(1)}` };
  return null;
}

/** The national digits of a valid phone number (13812345678, 01012345678), or null. */
export function normalisePhone(raw: string): string | null {
  return parsePhone(raw)?.national ?? null;
}

export function isPhone(raw: string): boolean {
  return parsePhone(raw) !== null;
}

/** Luhn (mod 10) check over a string of digits; false for anything else. */
export function luhn(digits: string): boolean {
  if (!/^\d+$/.test(digits) || digits.length < 2) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export type BankCardValidation = { valid: true; digits: string } | { valid: false; reason: 'length' | 'luhn' };

/** A bank card number: 12–19 digits (spaces and dashes allowed) passing the Luhn check. */
export function validateBankCard(raw: string): BankCardValidation {
  const digits = raw.normalize('NFKC').replace(/[\s-]+/g, '');
  if (!/^\d{12,19}$/.test(digits)) return { valid: false, reason: 'length' };
  if (!luhn(digits)) return { valid: false, reason: 'luhn' };
  return { valid: true, digits };
}

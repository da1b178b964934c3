/**
 * PRC resident identity card numbers (GB 11643-1999): 6-digit region code, 8-digit birth date,
 * 3-digit sequence, check digit by ISO 7064 MOD 11-2 ('X' stands for 10). Legacy 15-digit numbers
 * (before 1999) have a 6-digit birth date of the 1900s and no check digit.
 */
import { formatDate, isValidCalendarDate } from './dates';
import { REJECTION_REASONS, type RejectionReason } from './rejection-reasons';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** Earliest birth year we accept inside an ID number. */
const MIN_BIRTH_YEAR = 1850;

export type IdNumberValidation =
  | { valid: true; /** trimmed, 'x' upper-cased */ idNumber: string; birthDate: string; legacy: boolean }
  | { valid: false; reason: RejectionReason };

/** The check character for the first 17 digits of an 18-character ID number. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idNumberCheckChar expects 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

function birthDigits(id: string): string | null {
  if (/^\d{17}[\dX]$/.test(id)) return id.slice(6, 14);
  if (/^\d{15}$/.test(id)) return `19${id.slice(6, 12)}`;
  return null;
}

/** The birth date ('YYYY-MM-DD') an ID number embeds, or null when there is none (check digit not verified). */
export function birthDateFromId(raw: string): string | null {
  const digits = birthDigits(raw.trim().toUpperCase());
  if (digits === null) return null;
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  if (year < MIN_BIRTH_YEAR || !isValidCalendarDate(year, month, day)) return null;
  return formatDate(year, month, day);
}

export function validateIdNumber(raw: string): IdNumberValidation {
  const id = raw.trim().toUpperCase();
  if (id.length !== 18 && id.length !== 15) return { valid: false, reason: REJECTION_REASONS.idNumberLength };
  const legacy = id.length === 15;
  if (legacy ? !/^\d{15}$/.test(id) : !/^\d{17}[\dX]$/.test(id)) {
    return { valid: false, reason: REJECTION_REASONS.idNumberCharacters };
  }
  const birthDate = birthDateFromId(id);
  if (birthDate === null) return { valid: false, reason: REJECTION_REASONS.idNumberBirthDate };
  if (!legacy && idNumberCheckChar(id.slice(0, 17)) !== id[17]) {
    return { valid: false, reason: REJECTION_REASONS.idNumberCheckDigit };
  }
  return { valid: true, idNumber: id, birthDate, legacy };
}

/** The 18-character form of a 15-digit legacy number (century `19` inserted, check digit appended). */
export function upgradeLegacyIdNumber(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new RangeError('upgradeLegacyIdNumber expects 15 digits');
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + idNumberCheckChar(first17);
}

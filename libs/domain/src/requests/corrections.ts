/** Proposed corrections (PIPL Art. 46): checked at filing, applied after review. */
import { isEmail, normalisePhone } from '../inventory/validators';
import { CORRECTABLE_FIELDS, type CorrectableField, type ProposedCorrections } from './request-types';

const MAX_LENGTH = 500;

/** The first field at fault (never its value), or null when the corrections are acceptable. */
export function correctionsProblem(input: unknown): { field: string; reason: string } | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { field: 'corrections', reason: 'must be an object' };
  const entries = Object.entries(input);
  if (entries.length === 0) return { field: 'corrections', reason: `must name at least one of ${CORRECTABLE_FIELDS.join(', ')}` };
  for (const [field, value] of entries) {
    if (!(CORRECTABLE_FIELDS as readonly string[]).includes(field)) return { field: `corrections.${field.replace(/[^A-Za-z0-9_]/g, '').slice(0, 40) || 'field'}`, reason: `not correctable; one of ${CORRECTABLE_FIELDS.join(', ')}` };
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_LENGTH) return { field: `corrections.${field}`, reason: `must be a non-empty string of at most ${MAX_LENGTH} characters` };
    if (field === 'email' && !isEmail(value.trim())) return { field: 'corrections.email', reason: 'not an email address' };
    if (field === 'phone' && normalisePhone(value) === null) return { field: 'corrections.phone', reason: 'not a mainland mobile or landline number' };
  }
  return null;
}

/** The corrections in the inventory's normal form (trimmed; phone as national digits). Call after correctionsProblem. */
export function normaliseCorrections(input: ProposedCorrections): ProposedCorrections {
  const out: ProposedCorrections = {};
  for (const field of CORRECTABLE_FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    out[field as CorrectableField] = field === 'phone' ? (normalisePhone(value) ?? value.trim()) : value.trim();
  }
  return out;
}

/**
 * Why an inventory row is quarantined. Reasons are fixed English phrases: they never contain the
 * rejected value, so the rejected-rows listing echoes no personal data (docs/api.md).
 */
export const REJECTION_REASONS = {
  // Row-level (field `row`): detected by the parser, which knows the header and the raw text.
  tooManyFields: 'row has more fields than the header',
  tooFewFields: 'row has fewer fields than the header',
  malformedRow: 'row is not well-formed CSV (unbalanced or misplaced quotes)',
  rowTooLarge: 'row exceeds the maximum record size',
  invalidJson: 'line is not valid JSON',
  notAnObject: 'line is not a JSON object',
  // customer_id: `duplicateCustomerId` is detected by the caller (it needs the case's other rows).
  missingCustomerId: 'missing customer ID',
  duplicateCustomerId: 'customer ID repeats one already in the case',
  invalidType: 'customer type must be individual or enterprise',
  invalidEmail: 'invalid email address',
  invalidPhone: 'invalid phone number',
  idNumberLength: 'ID number must have 18 characters (or 15 digits for a legacy number)',
  idNumberCharacters: 'ID number contains invalid characters',
  idNumberBirthDate: 'ID number contains an invalid birth date',
  idNumberCheckDigit: 'ID number check digit mismatch',
  bankCardLength: 'bank card number must have 12 to 19 digits',
  bankCardLuhn: 'bank card number fails the Luhn check',
  invalidDate: 'date is not parseable',
  invalidTotalSpent: 'total spent must be a non-negative number',
} as const;

export type RejectionReason = (typeof REJECTION_REASONS)[keyof typeof REJECTION_REASONS];

/** The `field` of a rejection about the row itself rather than one column. */
export const ROW_FIELD = 'row' as const;

export interface FieldError {
  /** The column's English (canonical) name, or `row`. */
  field: string;
  reason: RejectionReason;
}

/**
 * Field names that may carry personal data anywhere in a log object. pino replaces their values
 * with "[redacted]"; messages themselves must never interpolate personal values.
 */
export const PERSONAL_FIELDS = [
  'name', 'email', 'phone', 'idNumber', 'id_number', 'birthDate', 'birth_date', 'address',
  'bankCard', 'bank_card', 'notes', 'personal', 'contact', 'to', 'cc', 'bcc', 'recipientEmail',
  'authorization', 'token', 'password', 'masterKey', 'ip', 'userAgent',
] as const;

/** pino redact paths: each field at the top level and one or two levels down. */
export function redactPaths(): string[] {
  return PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);
}

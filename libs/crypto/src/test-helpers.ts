// Test-only helpers (not exported from index.ts).

/** Flips one bit of the character at `index` within the base64url alphabet, keeping the token well-formed. */
export function flipChar(text: string, index: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const at = index < 0 ? text.length + index : index;
  const current = text.charAt(at);
  const position = alphabet.indexOf(current);
  if (position < 0) throw new Error(`not a base64url character at ${at}`);
  // Flip the highest bit of the 6-bit value: always changes the decoded bytes (never a padding bit).
  const replacement = alphabet.charAt(position ^ 0b100000);
  return text.slice(0, at) + replacement + text.slice(at + 1);
}

/** The dot-separated segment `segment` of a token, and a function to rebuild the token with it replaced. */
export function segment(token: string, index: number): { value: string; replace: (value: string) => string } {
  const parts = token.split('.');
  const value = parts[index];
  if (value === undefined) throw new Error(`token has no segment ${index}`);
  return {
    value,
    replace: (next) => parts.map((part, i) => (i === index ? next : part)).join('.'),
  };
}

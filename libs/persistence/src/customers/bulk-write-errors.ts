/** Per-document errors of an unordered bulk write (`ordered: false`), read without instanceof. */

export const DUPLICATE_KEY = 11000;

/** True for the server's duplicate-key error (a unique `_id` or index already taken): the one test every repository uses. */
export const isDuplicateKey = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;

interface WriteErrorLike {
  index?: unknown;
  code?: unknown;
}

function writeErrorsOf(error: unknown): WriteErrorLike[] | null {
  if (typeof error !== 'object' || error === null) return null;
  const errors = (error as { writeErrors?: unknown }).writeErrors;
  if (Array.isArray(errors)) return errors as WriteErrorLike[];
  if (typeof errors === 'object' && errors !== null) return [errors as WriteErrorLike];
  return null;
}

/**
 * The operation indexes that failed with a duplicate key, when that is the only kind of failure of
 * an unordered insert; null when the error is anything else (the caller rethrows it).
 */
export function duplicateKeyIndexes(error: unknown): number[] | null {
  const errors = writeErrorsOf(error);
  if (!errors || errors.length === 0) {
    // A single-document insert can fail with a plain server error carrying the code.
    return null;
  }
  const indexes: number[] = [];
  for (const e of errors) {
    if (e.code !== DUPLICATE_KEY || typeof e.index !== 'number') return null;
    indexes.push(e.index);
  }
  if ((error as { writeConcernErrors?: unknown[] }).writeConcernErrors?.length) return null;
  return indexes;
}

import type { RuleRef } from './pack-types';
import type { RuleReason } from './types';

/** A reason citing a pack rule, optionally with case-specific detail appended to its summary. */
export function reasonOf(rule: RuleRef, detail?: string): RuleReason {
  return { ruleId: rule.id, article: rule.article, summary: detail ? `${rule.summary} (${detail})` : rule.summary };
}

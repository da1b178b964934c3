import type { CaseFacts } from './types';

/**
 * Whether the case hands a package of customer data to a recipient (docs/legal.md §1). Not when
 * there is no recipient; not in an equity transfer (the processor stays the same company, nothing
 * moves); not when a branch returns its data to the head office, the same legal person. A branch
 * deregistration towards another entity is handled as an asset sale, with a package.
 */
export function buildsHandoverPackage(facts: Pick<CaseFacts, 'kind' | 'hasRecipient' | 'recipientIsSameLegalEntity'>): boolean {
  if (!facts.hasRecipient || facts.kind === 'equity-transfer') return false;
  if (facts.kind === 'branch-deregistration') return facts.recipientIsSameLegalEntity === false;
  return true;
}

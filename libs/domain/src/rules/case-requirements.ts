/** Case-level requirements: handover package, cross-border mechanism, PIIA, regulator report. */
import { resolveBaseRoute } from './base-route';
import { crossBorderMechanismFor, isCrossBorder } from './cross-border';
import { assertPackMatches } from './decide-route';
import { getRulePack } from './get-rule-pack';
import type { RulePack } from './pack-types';
import { reasonOf } from './reason';
import type { CaseFacts, CaseRequirements, CrossBorderMechanism } from './types';

export function decideCaseRequirements(facts: CaseFacts, pack: RulePack = getRulePack(facts.jurisdiction)): CaseRequirements {
  assertPackMatches(facts, pack);
  const { rule, reasons } = resolveBaseRoute(facts, pack);
  const handoverPackage = rule.handover;

  let crossBorderMechanism: CrossBorderMechanism | null = null;
  if (handoverPackage && isCrossBorder(facts, pack)) {
    const result = crossBorderMechanismFor(facts, pack);
    crossBorderMechanism = result.mechanism;
    reasons.push(result.reason);
  }

  const { triggers } = pack.piia;
  const articles: string[] = [];
  if (handoverPackage && rule.newProcessor && triggers.providesToOtherProcessor) articles.push(triggers.providesToOtherProcessor);
  if (handoverPackage && (facts.sensitiveCustomers ?? 0) > 0 && triggers.sensitive) articles.push(triggers.sensitive);
  if (crossBorderMechanism !== null && triggers.crossBorder) articles.push(triggers.crossBorder);
  const piiaRequired = articles.length > 0;
  if (piiaRequired) reasons.push(reasonOf(pack.piia, `triggered by ${articles.join(', ')}`));

  const disposal = pack.disposalReport;
  const regulatorDisposalReport =
    disposal !== null && disposal.kinds.includes(facts.kind) && (facts.totalCustomers ?? 0) >= disposal.minPeople;
  if (disposal && regulatorDisposalReport) reasons.push(reasonOf(disposal, `${facts.totalCustomers} people`));

  return {
    jurisdiction: pack.id,
    packVersion: pack.version,
    handoverPackage,
    crossBorderMechanism,
    piia: { required: piiaRequired, articles },
    regulatorDisposalReport,
    reasons,
  };
}

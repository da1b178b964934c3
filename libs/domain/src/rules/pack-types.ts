/**
 * Shape of a rule pack: everything jurisdiction-specific is data here, the engine only
 * interprets it. A pack is versioned; every decision carries the pack version.
 */
import type { CaseKind, CrossBorderMechanism, Jurisdiction, NoticeAddition, Route } from './types';

/** A citable rule: the id the report shows, the article, a one-line summary. */
export interface RuleRef {
  id: string;
  article: string;
  summary: string;
}

export interface BaseRouteRule extends RuleRef {
  route: Route;
  /** The record is handed over (goes into the handover package). */
  handover: boolean;
  /** The data goes to another processor (PIIA trigger, PIPL Art. 55(3)). */
  newProcessor: boolean;
  /** false: the case kind never triggers the no-recipient deletion (processor unchanged). */
  requiresRecipient: boolean;
  noticeAdditions: readonly NoticeAddition[];
}

export interface BaseRoutes {
  byKind: Readonly<Record<CaseKind, BaseRouteRule>>;
  /** Asset sale with a recorded Art. 22 determination; null = determinations not applicable. */
  assetSaleWithDetermination: BaseRouteRule | null;
  /** branch-deregistration to another legal entity: redirect rule, then treated as this kind. */
  branchToOtherEntity: RuleRef & { treatAs: CaseKind };
  noRecipient: BaseRouteRule;
  retentionExpired: BaseRouteRule;
}

export interface Modifiers {
  purposeChange: RuleRef & {
    route: Route;
    noticeAdditions: readonly NoticeAddition[];
    /** Noted (route unchanged) when the processor itself stays the same and nothing moves. */
    unchangedProcessor: RuleRef;
  };
  crossBorder: RuleRef & {
    /** null = the route is unchanged (EU: a transfer tool, not consent). */
    route: Route | null;
    noticeAdditions: readonly NoticeAddition[];
  };
  minor: RuleRef;
  sensitive: {
    notice: RuleRef & { noticeAdditions: readonly NoticeAddition[] };
    consentPolicy: RuleRef;
  };
  unreachable: { announcement: RuleRef; notTransferable: RuleRef };
  legalHold: { hold: RuleRef; fallback: RuleRef; expired: RuleRef };
}

export interface VolumeTier {
  mechanism: CrossBorderMechanism;
  /** At or above this many people. */
  minPeople: number;
  /** Or at or above this many people with sensitive data. */
  minSensitivePeople: number;
}

export type CrossBorderRules = RuleRef &
  (
    | {
        model: 'volume-thresholds';
        /** Strictest first. */
        tiers: readonly VolumeTier[];
        otherwise: CrossBorderMechanism;
        /** Used when the case gives no head count. */
        unknownVolume: CrossBorderMechanism;
      }
    | {
        model: 'adequacy-list';
        adequateCountries: readonly string[];
        adequate: CrossBorderMechanism;
        otherwise: CrossBorderMechanism;
      }
  );

export interface PiiaRules extends RuleRef {
  /** Article triggered by each situation; null = not a trigger in this jurisdiction. */
  triggers: {
    providesToOtherProcessor: string | null;
    sensitive: string | null;
    crossBorder: string | null;
  };
}

export interface DisposalReportRule extends RuleRef {
  minPeople: number;
  kinds: readonly CaseKind[];
}

export interface RetentionRule extends RuleRef {
  /** Statutory minimum period, counted from `from`. */
  period: { years?: number; months?: number };
  from: string;
  appliesTo: string;
  /** Confidence tag from docs/legal.md §11 (V, V2, R, I). */
  status: 'V' | 'V2' | 'R' | 'I';
}

export interface RequestSlaProfile extends RuleRef {
  unit: 'working-days' | 'calendar-months';
  amount: number;
  /** null = the jurisdiction provides no extension. */
  extension: { months: number; article: string } | null;
  /** A period ending on a non-working day ends on the next working day (Reg. 1182/71 Art. 3(4)). */
  rollForwardToWorkingDay: boolean;
}

export type OperatorType = 'ordinary' | 'ciio' | 'state-organ';
export type IncidentTier = 'none' | 'larger' | 'major' | 'especially-major';
export type DeadlineName = 'containment' | 'authority-report' | 'individual-notice' | 'summary-report';

export interface ClockRule {
  offset: string;
  article: string;
}

export interface IncidentProfile {
  /** Ascending thresholds of people affected; [] = no count-based grading. */
  tiers: ReadonlyArray<{ tier: Exclude<IncidentTier, 'none'>; minAffected: number; article: string }>;
  /** 'tier': reportable from the first tier; 'risk': reportable unless risk is unlikely. */
  reportableWhen: 'tier' | 'risk';
  containment: ClockRule;
  authorityReport: {
    whenReportable: { offsetByOperator: Readonly<Record<OperatorType, string>>; article: string };
    /** null = nothing to report below the threshold. */
    whenNotReportable: ClockRule | null;
  };
  individualNotice: ClockRule & { when: 'unless-harm-avoided' | 'high-risk' };
  /** Counted from the end of handling; only for reportable incidents. null = none. */
  summaryReport: ClockRule | null;
}

export interface RulePack {
  id: Jurisdiction;
  version: string;
  title: string;
  /** Countries that are not "cross-border" for this pack (ISO 3166-1 alpha-2, upper case). */
  homeCountries: readonly string[];
  minorAgeThreshold: number;
  /** Categories that count as sensitive for this pack's modifiers. */
  sensitiveCategories: readonly string[];
  routes: BaseRoutes;
  modifiers: Modifiers;
  crossBorder: CrossBorderRules;
  piia: PiiaRules;
  disposalReport: DisposalReportRule | null;
  retentionRules: readonly RetentionRule[];
  requestSla: RequestSlaProfile;
  incidents: IncidentProfile;
}

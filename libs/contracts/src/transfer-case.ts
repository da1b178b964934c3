import { defineQuery, defineUpdate } from '@temporalio/workflow';

/** The phases of a transfer case, in order (docs/architecture.md). */
export const PHASES = ['opened', 'inventory', 'legal-basis', 'notification', 'consent', 'handover', 'deletion', 'closure', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

export const GATES = ['inventory', 'notices', 'handover', 'closure'] as const;
export type GateName = (typeof GATES)[number];

/** waiting: not reached yet; pending: reached, awaiting a case manager's approval; approved. */
export type GateState = 'waiting' | 'pending' | 'approved';

export interface GateView {
  name: GateName;
  state: GateState;
  approvedAt?: string;
  approvedBy?: string;
}

export interface TransferCaseInput {
  caseId: string;
}

export interface CaseProgress {
  phase: Phase;
  /** Set once the case was cancelled (ids and times only; the reason stays in MongoDB). */
  cancelledAt?: string;
  /** Inventory imports finished while the case ran (each signals the case workflow). */
  importsCompleted: number;
  gates: GateView[];
}

export interface ApproveGateInput {
  gate: GateName;
  /**
   * The gate decision the API recorded before sending the update (issue 15). Behind
   * `patched(VERIFIED_APPROVALS_PATCH)` the workflow looks it up (an activity) and takes who
   * approved from that record; an approval the API never recorded changes nothing.
   */
  approvalId?: string;
  /** Opaque id of the API key or user who approved; read only by histories recorded before the patch. */
  approvedBy: string;
  /** Read only by histories recorded before the patch: the workflow stamps the approval's time now. */
  approvedAt: string;
}

/** approveGate accepts only approvals the API recorded (issue 15); before it, the caller's word. */
export const VERIFIED_APPROVALS_PATCH = 'verified-approvals-v1';

export const progressQuery = defineQuery<CaseProgress>('progress');

/** An update, not a signal: the caller learns at once whether the gate was pending. */
export const approveGateUpdate = defineUpdate<GateView, [ApproveGateInput]>('approveGate');

/**
 * The gates a case manager may reject, and what a rejection does (issue 14):
 * - `inventory`: the inventory as loaded is discarded (customers, quarantined rows, stored uploads);
 *   the gate waits again for a corrected upload;
 * - `notices`: the case goes back to the inventory phase, its routes unsealed; the inventory gate
 *   waits again (the routes and the final PIIA are decided anew at its approval), then the notices gate.
 * Past the notices gate the notices are out: a handover or closure gate is approved, or the case
 * cancelled (409 GATE_NOT_REJECTABLE).
 */
export const REJECTABLE_GATES = ['inventory', 'notices'] as const satisfies readonly GateName[];
export type RejectableGate = (typeof REJECTABLE_GATES)[number];

export interface RejectGateInput {
  gate: GateName;
  /** Opaque id of the API key that rejected; the reason stays in MongoDB. */
  rejectedBy: string;
  rejectedAt: string;
}

export interface GateRejectedView {
  gate: GateName;
  /** The rejected gate's state once the rejection was acted on (`pending` again, or `waiting`). */
  state: GateState;
  /** The phase the case is in once the rejection was acted on. */
  phase: Phase;
  rejectedAt: string;
}

/** Answered once the rejection has been acted on (the inventory discarded, or the case back at its inventory gate). */
export const rejectGateUpdate = defineUpdate<GateRejectedView, [RejectGateInput]>('rejectGate');

/**
 * Case control (issue 14): cancellation and gate rejection. New commands of the case workflow run
 * behind `patched(CASE_CONTROL_PATCH)`, so histories recorded before them replay unchanged.
 */
export const CASE_CONTROL_PATCH = 'case-control-2026-12';

/** A cancelled case tells the customers it notified (added after the first cancelled histories were saved). */
export const CANCELLATION_NOTICES_PATCH = 'cancellation-notices-2026-12';

export interface CancelCaseInput {
  /** Opaque id of the API key that cancelled; never a name. The reason stays in MongoDB. */
  cancelledBy: string;
  /** Set by the caller (workflows must not read the clock for evidence). */
  cancelledAt: string;
}

export interface CaseCancelledView {
  status: 'cancelled';
  /** The phase the case was in when it was cancelled. */
  phase: Phase;
  cancelledAt: string;
}

/**
 * Cancels a running case until its handover gate is approved: the work in progress stops, the case
 * is marked cancelled (answered once recorded), then its data are discarded and its key shredded.
 */
export const cancelCaseUpdate = defineUpdate<CaseCancelledView, [CancelCaseInput]>('cancelCase');

import { defineQuery, defineUpdate } from '@temporalio/workflow';

/** The phases of a transfer case, in order (BRIEF.md). */
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
  /** Inventory imports finished while the case ran (each signals the case workflow). */
  importsCompleted: number;
  gates: GateView[];
}

export interface ApproveGateInput {
  gate: GateName;
  /** Opaque id of the API key or user who approved; never a name or an address. */
  approvedBy: string;
  /** Set by the caller (workflows must not read the clock for evidence). */
  approvedAt: string;
}

export const progressQuery = defineQuery<CaseProgress>('progress');

/** An update, not a signal: the caller learns at once whether the gate was pending. */
export const approveGateUpdate = defineUpdate<GateView, [ApproveGateInput]>('approveGate');

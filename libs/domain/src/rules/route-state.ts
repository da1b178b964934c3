import type { LegalHold, NoticeAddition, NoticeChannel, Route, RuleReason } from './types';

/** The decision being built, step by step (base route, then modifiers 1-6). */
export interface RouteState {
  route: Route;
  transferable: boolean;
  handover: boolean;
  noticeChannel: NoticeChannel;
  noticeAdditions: NoticeAddition[];
  legalHold: LegalHold | null;
  reasons: RuleReason[];
}

export function addNoticeAdditions(state: RouteState, additions: readonly NoticeAddition[]): void {
  for (const addition of additions) {
    if (!state.noticeAdditions.includes(addition)) state.noticeAdditions.push(addition);
  }
}

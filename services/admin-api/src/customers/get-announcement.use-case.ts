import { Injectable } from '@nestjs/common';
import { CaseRepository, NotificationStore } from '@handover/persistence';
import { AppError } from '@handover/http';
import type { AnnouncementDto } from './announcement.dto';

/** The public announcement text stored by the notice mailing; 409 ANNOUNCEMENT_NOT_READY before it ran. */
@Injectable()
export class GetAnnouncementUseCase {
  constructor(private readonly cases: CaseRepository, private readonly notification: NotificationStore) {}

  async execute(caseId: string): Promise<AnnouncementDto> {
    const state = await this.cases.findState(caseId);
    if (!state) throw AppError.notFound('case', caseId);
    const stored = await this.notification.publicAnnouncement(caseId);
    if (!stored) throw AppError.conflict('ANNOUNCEMENT_NOT_READY', `case ${caseId} has no public announcement yet: it is stored when the notices are sent (phase ${state.phase})`);
    const updatedAt = (stored as { updatedAt?: Date }).updatedAt;
    return {
      count: stored.count,
      mailing: stored.mailing,
      wordingVersion: stored.wordingVersion,
      text: { 'zh-CN': stored.text['zh-CN'], en: stored.text.en },
      updatedAt: (updatedAt instanceof Date ? updatedAt : new Date(0)).toISOString(),
    };
  }
}

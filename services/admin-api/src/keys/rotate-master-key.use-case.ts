import { Injectable } from '@nestjs/common';
import { GLOBAL_AUDIT_SCOPE, MasterKeyRotation } from '@handover/persistence';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import type { MasterKeyRotationDto } from './master-key.dto';

/** Per call: case keys re-wrapped a batch at a time (the documents of one page, read in `_id` order). */
const BATCH = 200;

/**
 * Re-wraps every case key, hold key and the derivation key under the active master key while cases
 * run (issue 15, "Keys"). Idempotent and resumable: a second call re-wraps only what is still under
 * another key. Audit trail (global chain): `master-key.rotation.requested` before, then
 * `master-key.rotated` with the counts (`master-key.rotation.failed` if it stops); ids and counts only, never key material.
 */
@Injectable()
export class RotateMasterKeyUseCase {
  constructor(
    private readonly rotation: MasterKeyRotation, private readonly audit: AuditService,
  ) {}

  async execute(actor: Principal): Promise<MasterKeyRotationDto> {
    const before = await this.rotation.usage();
    const subject = { type: 'master-key', id: before.activeKeyId } as const;
    const pending = before.keys.filter((key) => !key.active).reduce((sum, key) => sum + key.wrappedKeys, 0);
    await this.audit.record({ caseId: GLOBAL_AUDIT_SCOPE, action: 'master-key.rotation.requested', subject, data: { activeKeyId: before.activeKeyId, pending }, actor });
    let counts: MasterKeyRotationDto;
    try {
      counts = await this.rotation.rotate(BATCH);
    } catch (error) {
      // Closes the intent: what was re-wrapped stays so (each write stands alone); a new call resumes.
      await this.audit.record({ caseId: GLOBAL_AUDIT_SCOPE, action: 'master-key.rotation.failed', subject, data: { error: (error as Error).name }, actor });
      throw error;
    }
    await this.audit.record({ caseId: GLOBAL_AUDIT_SCOPE, action: 'master-key.rotated', subject, data: { ...counts }, actor });
    return counts;
  }
}

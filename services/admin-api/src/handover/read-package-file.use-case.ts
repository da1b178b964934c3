import { createReadStream } from 'node:fs';
import { AppError } from '@handover/http';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { AdminApiConfig } from '@handover/config';
import { handoverBuildDir } from '@handover/persistence';
import { AuditService } from '../audit/audit.service';
import { ADMIN_CONFIG } from '../common/tokens';
import { GetHandoverPackageUseCase } from './get-handover-package.use-case';

/** Streams one encrypted file of the committed package (names from the manifest only); audited. */
@Injectable()
export class ReadPackageFileUseCase {
  constructor(
    private readonly packages: GetHandoverPackageUseCase, private readonly audit: AuditService,
    @Inject(ADMIN_CONFIG) private readonly config: AdminApiConfig,
  ) {}

  async execute(caseId: string, name: string): Promise<{ stream: Readable; bytes: number; sha256: string }> {
    const pkg = await this.packages.require(caseId);
    const file = pkg.manifest.files.find((candidate) => candidate.name === name);
    if (!file) throw AppError.notFound('package file', name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64));
    const path = join(handoverBuildDir(this.config.HANDOVER_DATA_DIR, caseId, pkg.buildId), file.name);
    try {
      await access(path);
    } catch {
      throw AppError.conflict('PACKAGE_FILES_MISSING', `the files of package ${pkg._id} are not on this server's data directory`);
    }
    await this.audit.record({
      caseId,
      action: 'handover.package.downloaded',
      subject: { type: 'handover-package', id: pkg._id },
      data: { file: file.name, sha256: file.sha256 },
    });
    return { stream: createReadStream(path), bytes: file.bytes, sha256: file.sha256 };
  }
}

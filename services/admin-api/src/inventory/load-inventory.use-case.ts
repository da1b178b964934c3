import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Client } from '@temporalio/client';
import { importWorkflowId, type InventoryFormat, type InventoryImportWorkflow, WORKFLOW_TYPES } from '@handover/contracts';
import type { AdminApiConfig } from '@handover/config';
import { MasterKey } from '@handover/crypto';
import { BLOB_STORE, CaseRepository, InventoryImportRepository, type BlobStore } from '@handover/persistence';
import { ADMIN_CONFIG, DERIVATION_KEY, TEMPORAL_CLIENT } from '../common/tokens';
import { storeEncryptedUpload, UploadTooLargeError } from './store-upload';

const FORMATS: Record<string, InventoryFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/json': 'json',
};

export const newImportId = (): string => `imp_${randomBytes(12).toString('base64url')}`;

/** Accepts an inventory upload: stores it encrypted, records the import, starts its workflow. */
@Injectable()
export class LoadInventoryUseCase {
  constructor(
    private readonly cases: CaseRepository, private readonly imports: InventoryImportRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client, @Inject(ADMIN_CONFIG) private readonly config: AdminApiConfig,
    @Inject(DERIVATION_KEY) private readonly master: MasterKey, @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {}

  static formatOf(contentType: string | undefined): InventoryFormat | null {
    const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    return FORMATS[type] ?? null;
  }

  async execute(caseId: string, contentType: string | undefined, body: Readable): Promise<{ importId: string }> {
    const format = LoadInventoryUseCase.formatOf(contentType);
    if (!format) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send text/csv, application/x-ndjson or application/json (an array of rows)', HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }
    const state = await this.cases.findState(caseId);
    if (!state) throw AppError.notFound('case', caseId);
    if (state.status === 'cancelled') throw AppError.conflict('CASE_CANCELLED', `case ${caseId} is cancelled`);
    if (state.status === 'closed' || !['opened', 'inventory'].includes(state.phase)) {
      throw AppError.conflict('INVENTORY_CLOSED', `case ${caseId} is past its inventory gate (phase ${state.phase})`);
    }
    const importId = newImportId();
    let upload;
    try {
      upload = await storeEncryptedUpload(body, {
        store: this.store,
        importId,
        master: this.master,
        maxBytes: this.config.MAX_UPLOAD_BYTES,
      });
    } catch (error) {
      if (error instanceof UploadTooLargeError) throw new AppError(error.code, error.message, HttpStatus.PAYLOAD_TOO_LARGE);
      throw error;
    }
    if (upload.bytes === 0) throw new AppError('EMPTY_UPLOAD', 'the inventory file is empty', HttpStatus.BAD_REQUEST);
    await this.imports.create({ id: importId, caseId, format, upload, createdAt: new Date() });
    await this.temporal.workflow.start<InventoryImportWorkflow>(WORKFLOW_TYPES.inventoryImport, {
      workflowId: importWorkflowId(caseId, importId),
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [{ caseId, importId }],
    });
    return { importId };
  }
}

import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { configure, ZipWriter } from '@zip.js/zip.js';
import { CANONICAL_COLUMNS, RAW_LINE_COLUMN, REJECTION_EXPORT_COLUMNS, SENSITIVE_COLUMNS } from '@handover/domain';
import { AppError } from '@handover/http';
import { csvCell } from '@handover/ingest';
import { CaseKeyService, CaseRepository, rejectionAad, RejectionRepository } from '@handover/persistence';
import { AuditService } from '../audit/audit.service';
import { CASE_KEYS } from '../common/tokens';

// Node has no web workers for zip.js: compress and encrypt in this thread, streamed.
configure({ useWebWorkers: false });


export interface RejectedExport {
  /** The ZIP (AES-256) holding `rejected-<caseId>.csv`; written to `out`. */
  write(out: Writable): Promise<void>;
  password: string;
  fileName: string;
  rows: number;
}

/**
 * `GET /v1/cases/{id}/inventory/rejected/export`: the case's quarantined rows as they were
 * uploaded, for the data owner to correct — a CSV (UTF-8 with BOM, English headers) inside a ZIP
 * encrypted with AES-256 under a random password that only this answer carries (a header). Each
 * row starts with its `rejection_id`: uploaded again through the normal upload with that column,
 * a corrected row replaces its quarantine entry. Reading the rows is personal data: on the trail
 * (`inventory.rejected.exported`, with the count) before a byte is sent.
 */
@Injectable()
export class ExportRejectedUseCase {
  constructor(
    private readonly cases: CaseRepository, private readonly rejections: RejectionRepository,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyService, private readonly audit: AuditService,
  ) {}

  async execute(caseId: string): Promise<RejectedExport> {
    if (!(await this.cases.findState(caseId))) throw AppError.notFound('case', caseId);
    const cipher = await this.keys.cipherFor(caseId);
    if (!cipher) throw new AppError('CASE_KEY_SHREDDED', `the data of case ${caseId} is erased`, HttpStatus.GONE);
    // First pass: the columns (every key any row has), so the CSV has one header.
    const extra = new Set<string>();
    let rows = 0;
    let malformed = false;
    for await (const entry of this.rejections.streamWithRaw(caseId)) {
      rows += 1;
      const raw = cipher.decryptJson<unknown>(entry.rawEnc, rejectionAad(caseId, entry.importId, entry.line));
      if (typeof raw === 'string') malformed = true;
      else if (raw && typeof raw === 'object') for (const key of Object.keys(raw)) extra.add(key);
    }
    const known = [...CANONICAL_COLUMNS, ...SENSITIVE_COLUMNS] as string[];
    const columns = [...REJECTION_EXPORT_COLUMNS, ...known, ...[...extra].filter((key) => !known.includes(key) && key !== RAW_LINE_COLUMN).sort(), ...(malformed ? [RAW_LINE_COLUMN] : [])];
    await this.audit.record({ caseId, action: 'inventory.rejected.exported', subject: { type: 'case', id: caseId }, data: { rows } });

    const password = randomBytes(18).toString('base64url');
    const fileName = `rejected-${caseId}.csv`;
    const lines = this.csvLines(caseId, cipher, columns);
    return {
      password,
      fileName: `rejected-${caseId}.zip`,
      rows,
      write: async (out) => {
        const zip = new ZipWriter(Writable.toWeb(out), { password, encryptionStrength: 3, zipCrypto: false });
        await zip.add(fileName, { readable: Readable.toWeb(Readable.from(lines)) as ReadableStream<Uint8Array> });
        await zip.close();
      },
    };
  }

  // Cells are kept exactly (a phone number starting with + stays one): the file goes back to the
  // import, so nothing is prefixed against spreadsheet formulas.
  private async *csvLines(caseId: string, cipher: NonNullable<Awaited<ReturnType<CaseKeyService['cipherFor']>>>, columns: readonly string[]): AsyncGenerator<Buffer> {
    yield Buffer.from(`\uFEFF${columns.map(csvCell).join(',')}\r\n`, 'utf8');
    for await (const entry of this.rejections.streamWithRaw(caseId)) {
      const raw = cipher.decryptJson<unknown>(entry.rawEnc, rejectionAad(caseId, entry.importId, entry.line));
      const record: Record<string, string> = Object.create(null) as Record<string, string>;
      if (typeof raw === 'string') record[RAW_LINE_COLUMN] = raw;
      else if (raw && typeof raw === 'object') for (const [key, value] of Object.entries(raw)) record[key] = String(value ?? '');
      record['rejection_id'] = entry.id;
      record['rejection_line'] = String(entry.line);
      record['rejection_field'] = entry.field;
      record['rejection_reason'] = entry.reason;
      yield Buffer.from(`${columns.map((column) => csvCell(record[column] ?? '')).join(',')}\r\n`, 'utf8');
    }
  }
}

import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AuditRepository } from '@handover/persistence';
import { toAuditEventDto } from './audit-event.mapper';
import { AuditTrailLocator } from './audit-trail-locator';

/**
 * The whole chain as NDJSON, one event per line in seq order, streamed from a cursor, then one
 * `{"checkpoint": {...}}` line per signed checkpoint (libs/audit-proof parseAuditExport). Each event
 * line carries prevHash and hash: hash = chainHash(prevHash, the line without prevHash, hash, mac).
 */
@Injectable()
export class ExportAuditTrailUseCase {
  constructor(
    private readonly events: AuditRepository,
    private readonly locator: AuditTrailLocator,
  ) {}

  async execute(caseId: string): Promise<Readable> {
    await this.locator.require(caseId);
    const events = this.events;
    async function* lines(): AsyncGenerator<string> {
      for await (const event of events.stream(caseId)) yield `${JSON.stringify(toAuditEventDto(event))}\n`;
      for (const checkpoint of await events.listCheckpoints(caseId)) yield `${JSON.stringify({ checkpoint })}\n`;
    }
    return Readable.from(lines(), { objectMode: false });
  }
}

import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AuditRepository } from '@handover/persistence';
import { toAuditEventDto } from './audit-event.mapper';
import { AuditTrailLocator } from './audit-trail-locator';

/**
 * The whole chain as NDJSON, one event per line in seq order, streamed from a cursor. Each line
 * carries prevHash and hash: hash = chainHash(prevHash, the line without prevHash and hash).
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
    }
    return Readable.from(lines(), { objectMode: false });
  }
}

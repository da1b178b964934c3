import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PublicApiDoc } from '../common/api-doc.decorator';
import { DatabaseHealth } from '@handover/persistence';
import type { Client, Connection as TemporalConnection } from '@temporalio/client';
import { Public } from '../auth/roles';
import { TEMPORAL_CLIENT } from '../common/tokens';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly database: DatabaseHealth, @Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  /** Liveness plus a ping of each dependency. */
  @Public()
  @Get()
  @PublicApiDoc('Liveness and a ping of MongoDB and Temporal (no token)', {
    ok: { description: '`status` is `degraded` when a dependency does not answer' },
    badRequest: 'a repeated or operator query parameter (refused on every route)',
  })
  async check(): Promise<{ status: 'ok' | 'degraded'; mongo: boolean; temporal: boolean }> {
    const mongo = await this.database.ping();
    const temporal = await (this.temporal.connection as TemporalConnection).healthService.check({}).then(() => true, () => false);
    return { status: mongo && temporal ? 'ok' : 'degraded', mongo, temporal };
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GATES, PHASES } from '@handover/contracts';
import { CrossBorderDto } from './cross-border.dto';

export class GateDto {
  @ApiProperty({ enum: GATES }) name!: string;
  @ApiProperty({ enum: ['waiting', 'pending', 'approved'] }) state!: string;
  @ApiPropertyOptional() approvedAt?: string;
  @ApiPropertyOptional() approvedBy?: string;
}

export class GateRejectedDto {
  @ApiProperty({ enum: GATES }) gate!: string;
  @ApiProperty({ enum: ['waiting', 'pending'], description: 'inventory: pending again (a corrected upload is awaited); notices: waiting (the inventory gate comes first)' })
  state!: string;
  @ApiProperty({ enum: PHASES, description: 'the phase the case is in now' }) phase!: string;
  @ApiProperty({ format: 'date-time' }) rejectedAt!: string;
}

export class CaseCountersDto {
  @ApiProperty() customers!: number;
  @ApiProperty() notified!: number;
  @ApiProperty() bounced!: number;
  @ApiProperty() consented!: number;
  @ApiProperty() refused!: number;
  @ApiProperty() objected!: number;
  @ApiProperty() noResponse!: number;
  @ApiProperty() transferred!: number;
  @ApiProperty() deleted!: number;
  @ApiProperty() onHold!: number;
  @ApiProperty() thirdParties!: number;
  @ApiProperty() thirdPartiesConfirmed!: number;
  @ApiProperty({ description: 'customers a deletion request or objection took out of the transfer' }) excluded!: number;
}

export class RouteCountsDto {
  @ApiProperty() rulePackId!: string;
  @ApiProperty() rulePackVersion!: string;
  @ApiProperty() customers!: number;
  @ApiProperty({ description: 'customers per route: notice, separate-consent, guardian-consent, notice-of-change, delete, hold', type: 'object', additionalProperties: { type: 'number' } })
  byRoute!: Record<string, number>;
  @ApiProperty() transferable!: number;
  @ApiProperty() publicAnnouncement!: number;
  @ApiProperty() onHold!: number;
  @ApiProperty({ description: 'true once the inventory gate fixed the routes' }) sealed!: boolean;
}

export class CaseStartedDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['running'] }) status!: 'running';
}

export const CASE_STATUSES = ['draft', 'running', 'closed', 'cancelled'] as const;

export class CaseCancellationDto {
  @ApiProperty({ format: 'date-time' }) cancelledAt!: string;
  @ApiProperty({ description: 'the API key that cancelled' }) cancelledBy!: string;
  @ApiProperty({ enum: ['draft', 'running'] }) fromStatus!: string;
  @ApiPropertyOptional({ enum: PHASES, description: 'the phase the case stopped in' }) phase?: string;
  @ApiProperty({ description: "the reason given; kept as evidence under a key of its own after the case's data are shredded" }) reason!: string;
}

export class CaseCancelledDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['cancelled'] }) status!: 'cancelled';
  @ApiProperty({ enum: PHASES, description: 'the phase the case stopped in' }) phase!: string;
  @ApiProperty({ format: 'date-time' }) cancelledAt!: string;
}

export class CaseStatusDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: CASE_STATUSES, description: '`closed` and `cancelled` are final' }) status!: string;
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty({ type: [GateDto] }) gates!: GateDto[];
  @ApiProperty({ type: CaseCountersDto }) counters!: CaseCountersDto;
  @ApiPropertyOptional({ type: RouteCountsDto, description: 'route counts of the inventory (provisional until the inventory gate is approved)' })
  routes?: RouteCountsDto;
  @ApiPropertyOptional({ type: CaseCancellationDto, description: 'a cancelled case: who, when, why' }) cancellation?: CaseCancellationDto;
  @ApiPropertyOptional({ type: CrossBorderDto, description: 'the transfer mechanism recorded for a foreign recipient (PUT /v1/cases/{id}/cross-border)' }) crossBorder?: CrossBorderDto;
  @ApiProperty({ description: 'when the figures last changed (ISO-8601); answers show within about a second' }) updatedAt!: string;
}

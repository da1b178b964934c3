import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEADLINE_NAMES, INCIDENT_TASK_IDS } from '@handover/domain';

export class IncidentDeadlineDto {
  @ApiProperty({ enum: DEADLINE_NAMES }) name!: string;
  @ApiProperty({ enum: INCIDENT_TASK_IDS }) taskId!: string;
  @ApiProperty() article!: string;
  @ApiProperty({ nullable: true, type: String, description: 'null while the clock waits for the end of handling' }) dueAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'completion time when on time' }) metAt!: string | null;
  @ApiProperty() missed!: boolean;
  @ApiPropertyOptional() missedAt?: string;
  @ApiPropertyOptional({ description: 'completion time, also when late' }) completedAt?: string;
  @ApiProperty({ description: 'the clock was shortened by an override' }) overridden!: boolean;
}

export class IncidentTaskDto {
  @ApiProperty({ enum: INCIDENT_TASK_IDS }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() ownerRole!: string;
  @ApiProperty({ enum: ['waiting', 'open', 'done'] }) state!: string;
  @ApiProperty({ nullable: true, type: String }) dueAt!: string | null;
  @ApiProperty({ description: 'missed its due time (still open after it, or completed late)' }) overdue!: boolean;
  @ApiPropertyOptional({ enum: DEADLINE_NAMES }) deadline?: string;
  @ApiPropertyOptional() completedAt?: string;
  @ApiPropertyOptional() completedBy?: string;
  @ApiPropertyOptional() remindedAt?: string;
  @ApiPropertyOptional() escalatedAt?: string;
}

export class IncidentNoticeCountersDto {
  @ApiProperty() eligible!: number;
  @ApiProperty() sent!: number;
  @ApiProperty() bounced!: number;
  @ApiProperty() skipped!: number;
  @ApiProperty({ description: 'affected customers without email: phone/SMS (NDSMR Art. 11)' }) noEmail!: number;
  @ApiProperty({ description: 'no channel: public announcement' }) unreachable!: number;
  @ApiProperty({ description: 'drill: summaries sent to internal addresses' }) internal!: number;
  @ApiProperty() drill!: boolean;
}

export class IncidentStatusDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['assessing', 'open', 'closed'] }) status!: string;
  @ApiProperty() drill!: boolean;
  @ApiProperty({ description: 'people affected (inventory count, or the estimate without a case)' }) affected!: number;
  @ApiProperty({ enum: ['none', 'larger', 'major', 'especially-major'], nullable: true, type: String }) tier!: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) reportable!: boolean | null;
  @ApiProperty({ nullable: true, type: String }) jurisdiction!: string | null;
  @ApiProperty({ nullable: true, type: String }) operatorType!: string | null;
  @ApiProperty({ description: 'individual notices sent (drill: internal summaries sent)' }) noticesSent!: number;
  @ApiPropertyOptional({ type: IncidentNoticeCountersDto, nullable: true }) notices!: IncidentNoticeCountersDto | null;
  @ApiProperty({ type: [IncidentDeadlineDto] }) deadlines!: IncidentDeadlineDto[];
  @ApiProperty({ type: [IncidentTaskDto] }) tasks!: IncidentTaskDto[];
  @ApiProperty({ nullable: true, type: Object, description: '{id, version} of the playbook' }) playbook!: { id: string; version: string } | null;
  @ApiProperty({ nullable: true, type: String }) handlingEndedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ enum: ['workflow', 'database'], description: 'the live workflow, or the stored snapshot when the workflow cannot answer' }) source!: string;
}

export class IncidentReportDto {
  @ApiProperty() id!: string;
  @ApiProperty() drill!: boolean;
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ type: Object, description: 'authority report draft: CAC Incident Reporting Measures fields and PIPL Art. 57 (categories, cause, possible harm, measures, contact, affected count, tier, deadlines); no personal data' })
  authorityReport!: Record<string, unknown>;
  @ApiProperty({ type: Object, description: "individual notice draft {wordingVersion, 'zh-CN': {subject, text}, en: {subject, text}}: exactly what is sent" })
  individualNotice!: Record<string, unknown>;
  @ApiProperty({ type: Object, isArray: true, description: 'task notes recorded (metadata; texts are stored encrypted)' })
  notes!: Array<{ taskId: string; at: string; by: string }>;
}

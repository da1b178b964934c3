import { ApiProperty } from '@nestjs/swagger';

/** One evidence record of a customer's answer (docs/legal.md §3). */
export class EvidenceRecordDto {
  @ApiProperty({ example: 'ev_0f3a…' }) id!: string;
  @ApiProperty({ enum: ['consent', 'refuse', 'object', 'withdraw'] }) decision!: string;
  @ApiProperty({ description: 'what the answer covers (transfer, sensitive data, …)' }) scope!: string;
  @ApiProperty({ description: 'the wording the customer was shown' }) wordingVersion!: string;
  @ApiProperty({ enum: ['portal-html', 'portal-json'] }) channel!: string;
  @ApiProperty({ description: 'SHA-256 of the link token used' }) tokenHash!: string;
  @ApiProperty({ description: 'decrypted with the case key' }) ip!: string;
  @ApiProperty({ description: 'decrypted with the case key' }) userAgent!: string;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
}

/** GET /v1/cases/{id}/customers/{ref}/evidence. */
export class CustomerEvidenceDto {
  @ApiProperty({ description: 'the customer reference (blind index of the customer_id, as in requests and the handover package)' }) ref!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the route the customer was given' }) route!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the standing decision' }) decision!: string | null;
  @ApiProperty({ type: [EvidenceRecordDto], description: 'every answer in time order (append-only: a withdrawal adds a record)' }) evidence!: EvidenceRecordDto[];
}

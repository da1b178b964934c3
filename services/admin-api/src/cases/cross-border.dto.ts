import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { CROSS_BORDER_MECHANISMS } from '@handover/domain';

/** `PUT /v1/cases/{id}/cross-border`: the transfer mechanism of a foreign recipient (PIPL Art. 38; GDPR Art. 46). */
export class RecordCrossBorderDto {
  @ApiProperty({ enum: CROSS_BORDER_MECHANISMS, description: "the mechanism the case's requirements name (GET /v1/cases/{id}/piia, `requirements.crossBorderMechanism`)" })
  @IsIn(CROSS_BORDER_MECHANISMS) mechanism!: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'CAC-SC-2026-0042', description: 'a reference to its trace: a filing or approval number, the contract id; no personal data' })
  @IsString() @MaxLength(200) @Matches(/^\S(.*\S)?$/, { message: 'must be a non-blank reference without leading or trailing spaces' }) reference!: string;
}

export class CrossBorderDto {
  @ApiProperty({ enum: CROSS_BORDER_MECHANISMS }) mechanism!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ description: 'the API key that recorded it' }) recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

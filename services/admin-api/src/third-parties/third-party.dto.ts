import { PageDto } from '../common/paging';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { THIRD_PARTY_ANSWER_KINDS, THIRD_PARTY_STATUSES, type ThirdPartyAnswerKind, type ThirdPartyStatus } from '@handover/contracts';

/** POST /v1/cases/{id}/third-parties (docs/api.md). Name and email are stored encrypted with the case key. */
export class AddThirdPartyDto {
  @ApiProperty({ example: '某某云仓储服务有限公司', description: 'the processor or partner that received data' })
  @IsString() @MinLength(1) @MaxLength(200) name!: string;

  @ApiProperty({ example: 'privacy@warehouse.example', description: 'where the deletion request and reminders go' })
  @IsEmail() @MaxLength(254) email!: string;

  @ApiProperty({ type: [String], example: ['contact', 'orders'], description: 'categories of personal data the third party received' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(100, { each: true }) categories!: string[];
}

export class ThirdPartyCreatedDto {
  @ApiProperty({ example: 'tp_3q2nV0cI5aQm9x1Zk2Lw' }) id!: string;
}

/** One row of GET /v1/cases/{id}/third-parties. */
export class ThirdPartyDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) categories!: string[];
  @ApiProperty({ enum: THIRD_PARTY_STATUSES, description: 'pending: not requested yet; requested: mailed, no answer; overdue: no answer at the due time; confirmed: deleted, not held, or retained under legal hold; exception' })
  status!: ThirdPartyStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) requestedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when the answer was recorded' }) confirmedAt!: string | null;
  @ApiProperty({ description: 'answered at or after the due time' }) late!: boolean;
  @ApiProperty({ enum: THIRD_PARTY_ANSWER_KINDS, nullable: true }) answerKind!: ThirdPartyAnswerKind | null;
}

export class ThirdPartyPageDto extends PageDto(ThirdPartyDto, 'ThirdPartyPageDto') {}

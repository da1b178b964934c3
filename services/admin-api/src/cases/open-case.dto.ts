import { EU_MEMBER_STATES } from '@handover/calendars';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined, IsEmail, IsIn, IsISO31661Alpha2, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested, IsArray, ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean,
} from 'class-validator';
import { HANDOVER_FIELDS, DEFAULT_HANDOVER_FIELDS, type HandoverField } from '@handover/contracts';

export const CASE_KINDS = ['bankruptcy', 'merger', 'division', 'dissolution', 'asset-sale', 'equity-transfer', 'branch-deregistration'] as const;
export const JURISDICTIONS = ['CN-PIPL', 'EU-GDPR'] as const;
/** Our team ids (`default`, `tm_…`); whether the team exists is checked by the use case. */
export const TEAM_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ISO_DURATION = /^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

export class PartyDto {
  @ApiProperty({ example: '某某商贸有限公司' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ example: '010-12345678' }) @IsString() @MinLength(1) @MaxLength(200) contact!: string;
}

export class RecipientDto extends PartyDto {
  @ApiProperty({ example: 'dpo@buyer.example' }) @IsEmail() email!: string;
  @ApiProperty({ example: 'CN', description: 'ISO 3166-1 alpha-2; not CN makes the transfer cross-border' }) @IsISO31661Alpha2() country!: string;
  @ApiPropertyOptional({ description: 'PEM public key the handover package is encrypted for' })
  @IsOptional() @IsString() @MaxLength(10_000) publicKey?: string;
  @ApiPropertyOptional({
    description: 'branch deregistration only, and required there: true = the recipient is the head office (the same legal person: a notice of change, no package); false = another legal entity (handled as an asset sale: consent, a package)',
  })
  @IsOptional() @IsBoolean() sameLegalEntity?: boolean;
}

export class ManagerDto {
  @ApiProperty({ example: '李经理' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ example: 'manager@transferor.example' }) @IsEmail() email!: string;
}

export class LegalBasisDto {
  @ApiProperty({ enum: ['art22'] }) @IsIn(['art22']) basis!: 'art22';
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) author!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) note!: string;
}

export class PolicyDto {
  @ApiPropertyOptional({ example: 'P30D' }) @IsOptional() @Matches(ISO_DURATION, { message: 'must be an ISO-8601 duration such as P30D' }) waitingPeriod?: string;
  @ApiPropertyOptional({ example: 'P30D' }) @IsOptional() @Matches(ISO_DURATION, { message: 'must be an ISO-8601 duration such as P30D' }) consentDeadline?: string;
  @ApiPropertyOptional({ example: 'P30D' }) @IsOptional() @Matches(ISO_DURATION, { message: 'must be an ISO-8601 duration such as P30D' }) thirdPartyDeadline?: string;
  @ApiPropertyOptional({ example: 'P15D', description: 'replaces the jurisdiction due date of data-subject requests (tests use PT5S)' })
  @IsOptional()
  @Matches(ISO_DURATION, { message: 'must be an ISO-8601 duration such as P30D' })
  requestDeadline?: string;
  @ApiPropertyOptional({ example: ['P7D', 'P21D'] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @Matches(ISO_DURATION, { each: true, message: 'each must be an ISO-8601 duration' }) reminders?: string[];
  @ApiPropertyOptional({ example: 'P14D', description: "the recipient's time to acknowledge the handover package, from the link's mail; then the manager is alerted and may override (default P14D)" })
  @IsOptional() @Matches(ISO_DURATION, { message: 'must be an ISO-8601 duration such as P14D' }) acknowledgementDeadline?: string;
  @ApiPropertyOptional({ example: ['P7D', 'P12D'], description: 'reminders to the recipient, counted from the link\'s mail; those at or past the deadline are dropped (default P7D, P12D)' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @Matches(ISO_DURATION, { each: true, message: 'each must be an ISO-8601 duration' }) acknowledgementReminders?: string[];
  @ApiPropertyOptional({ enum: ['guardian-consent', 'separate-consent'] }) @IsOptional() @IsIn(['guardian-consent', 'separate-consent']) minors?: 'guardian-consent' | 'separate-consent';
  @ApiPropertyOptional({ enum: ['notice', 'separate-consent'] }) @IsOptional() @IsIn(['notice', 'separate-consent']) sensitive?: 'notice' | 'separate-consent';
  @ApiPropertyOptional({ type: LegalBasisDto }) @IsOptional() @ValidateNested() @Type(() => LegalBasisDto) legalBasis?: LegalBasisDto;
  @ApiPropertyOptional({
    type: [String],
    example: ['cn-pipl.retention.accounting-archives'],
    description: "statutory retention rules of the jurisdiction's rule pack that bind the transferor (legal holds: records under a running period are kept in storage only, never deleted); each id must be one of the pack's retention rules",
  })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsString({ each: true }) @Matches(/^[a-z0-9.-]{1,100}$/, { each: true, message: 'each must be a retention rule id' })
  retention?: string[];
  @ApiPropertyOptional({
    enum: HANDOVER_FIELDS,
    isArray: true,
    description: `customer fields the handover package carries (data minimisation); default ${DEFAULT_HANDOVER_FIELDS.join(', ')}`,
  })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(HANDOVER_FIELDS, { each: true })
  handoverFields?: HandoverField[];
  @ApiPropertyOptional({
    enum: EU_MEMBER_STATES,
    description: "EU cases: the member state whose public holidays (besides weekends) end no period (Regulation 1182/71 Art. 3(4)) in request deadlines; absent: weekends only. CN cases run on mainland China's official calendar",
  })
  @IsOptional() @IsIn(EU_MEMBER_STATES) memberState?: string;
}

export class OpenCaseDto {
  @ApiPropertyOptional({
    example: 'tm_3q2-7wEjXvS0aZbK',
    description: "the team whose keys reach the case. Default: the caller's team (an admin without a team: `default`). Only an admin may name another team than its own; an unknown team is a 400",
  })
  @IsOptional() @Matches(TEAM_ID, { message: 'must be a team id' }) team?: string;

  @ApiProperty({ enum: CASE_KINDS }) @IsIn(CASE_KINDS) kind!: (typeof CASE_KINDS)[number];
  @ApiPropertyOptional({ enum: JURISDICTIONS, default: 'CN-PIPL' }) @IsOptional() @IsIn(JURISDICTIONS) jurisdiction?: (typeof JURISDICTIONS)[number];
  @ApiProperty({ type: PartyDto }) @IsDefined() @ValidateNested() @Type(() => PartyDto) transferor!: PartyDto;
  @ApiPropertyOptional({ type: RecipientDto, description: 'absent = no successor' }) @IsOptional() @ValidateNested() @Type(() => RecipientDto) recipient?: RecipientDto;
  @ApiProperty({ type: ManagerDto }) @IsDefined() @ValidateNested() @Type(() => ManagerDto) manager!: ManagerDto;
  @ApiPropertyOptional({ description: "the recipient's declared change of purpose or method (triggers separate consent)" })
  @IsOptional() @IsString() @MaxLength(2000) purposeChange?: string;
  @ApiPropertyOptional({ type: PolicyDto }) @IsOptional() @ValidateNested() @Type(() => PolicyDto) policy?: PolicyDto;
}

/** `PATCH /v1/cases/{id}` while the case is a draft: the fields given replace the stored ones (policy fields one by one). */
export class EditCaseDto {
  @ApiPropertyOptional({ type: PartyDto }) @IsOptional() @ValidateNested() @Type(() => PartyDto) transferor?: PartyDto;
  @ApiPropertyOptional({ type: RecipientDto, description: 'the recipient; null removes it (no successor)' })
  @IsOptional() @ValidateNested() @Type(() => RecipientDto) recipient?: RecipientDto | null;
  @ApiPropertyOptional({ type: ManagerDto }) @IsOptional() @ValidateNested() @Type(() => ManagerDto) manager?: ManagerDto;
  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'null removes the declared change of purpose' })
  @IsOptional() @IsString() @MaxLength(2000) purposeChange?: string | null;
  @ApiPropertyOptional({ type: PolicyDto, description: 'the policy fields given replace the stored ones; the others stay' })
  @IsOptional() @ValidateNested() @Type(() => PolicyDto) policy?: PolicyDto;
}

export class CaseCreatedDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['draft'] }) status!: 'draft';
}

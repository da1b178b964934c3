import { ApiProperty } from '@nestjs/swagger';
import { PageDto } from '../common/paging';

const STAGES = ['transferred-copies', 'not-transferred', 'unchanged-working-copies', 'holds-sealed', 'quarantine-and-uploads', 'case-key', 'hold-expired', 'hold-key'] as const;

/** One row of GET /v1/cases/{id}/certificates: what was destroyed, how and when; digests only, nothing personal. */
export class DeletionCertificateDto {
  @ApiProperty({ example: 'case_01J…:not-transferred', description: '`<caseId>:<stage>`' }) id!: string;
  @ApiProperty({ enum: STAGES, description: 'what the certificate attests the destruction of' }) stage!: string;
  @ApiProperty({ description: 'records (or keys) destroyed in the stage' }) count!: number;
  @ApiProperty({ example: 'crypto-shredding: the case data key (wrapped by the master key) destroyed', description: 'how they were destroyed' }) method!: string;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'SHA-256 (hex) over the newline-joined sorted record ids of the stage' }) recordsDigest!: string;
  @ApiProperty({ type: [String], description: 'SHA-256 (hex) of each destroyed key id' }) destroyedKeyIdHashes!: string[];
}

export class DeletionCertificatePageDto extends PageDto(DeletionCertificateDto, 'DeletionCertificatePageDto') {}

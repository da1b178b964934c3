import { PageDto } from '../common/paging';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ImportAcceptedDto {
  @ApiProperty() importId!: string;
}

export class ImportProgressDto {
  @ApiProperty() importId!: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status!: string;
  @ApiProperty({ description: 'rows read so far (header excluded)' }) processed!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty({ description: 'rows quarantined; see /inventory/rejected' }) rejected!: number;
  @ApiProperty({ description: 'rows identical to a customer already in the case (re-import)' }) unchanged!: number;
  @ApiPropertyOptional({ description: 'reason code when failed' }) error?: string;
}

export class RejectedRowDto {
  @ApiProperty() importId!: string;
  @ApiProperty({ description: 'line in the file (CSV header = line 1)' }) line!: number;
  @ApiProperty({ description: "the column's English name, or 'row' when the row itself is malformed" }) field!: string;
  @ApiProperty({ description: 'why; never the value' }) reason!: string;
}

export class RejectedRowPageDto extends PageDto(RejectedRowDto, 'RejectedRowPageDto') {}

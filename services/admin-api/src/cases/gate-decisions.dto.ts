import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GATES } from '@handover/contracts';

export class GateDecisionDto {
  @ApiProperty({ enum: GATES }) gate!: string;
  @ApiProperty({ enum: ['approved'] }) decision!: string;
  @ApiProperty({ description: 'the API key that decided' }) decidedBy!: string;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
  @ApiPropertyOptional({ description: 'the note given with the decision' }) note?: string;
}

export class GateDecisionsDto {
  @ApiProperty() caseId!: string;
  @ApiProperty({ type: [GateDecisionDto], description: 'oldest first' }) decisions!: GateDecisionDto[];
}

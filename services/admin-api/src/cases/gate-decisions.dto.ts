import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GATES } from '@handover/contracts';

export class GateDecisionDto {
  @ApiProperty({ enum: GATES }) gate!: string;
  @ApiProperty({ enum: ['approved', 'rejected', 'overridden'], description: '`overridden`: the handover confirmed by the manager without the recipient\'s acknowledgement' }) decision!: string;
  @ApiProperty({ description: 'the API key that decided' }) decidedBy!: string;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
  @ApiPropertyOptional({ description: "the note given with an approval, the reason given with a rejection (unreadable once the case key is shredded)" }) note?: string;
}

export class GateDecisionsDto {
  @ApiProperty() caseId!: string;
  @ApiProperty({ type: [GateDecisionDto], description: 'oldest first' }) decisions!: GateDecisionDto[];
}

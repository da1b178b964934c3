import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** POST /api/r/{token} */
export class AcknowledgeDto {
  /** The name and title of the person acknowledging for the recipient (personal: stored encrypted). */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'must not be blank' })
  acknowledgedBy!: string;
}

/** GET /api/r/{token} */
export interface RecipientViewResponse {
  transferor: { name: string };
  recipient: { name: string };
  packageId: string;
  records: number;
  createdAt: string;
  acknowledged: boolean;
  acknowledgedAt?: string;
}

/** POST /api/r/{token} → 200 (a repeat returns the first acknowledgement's time) */
export interface AcknowledgementResponse {
  acknowledged: true;
  packageId: string;
  acknowledgedAt: string;
}

import { IsIn } from 'class-validator';
import { ANSWER_DECISIONS, type AnswerDecision } from '@handover/persistence';

/** POST /api/c/{token} */
export class AnswerDto {
  @IsIn(ANSWER_DECISIONS)
  decision!: AnswerDecision;
}

/** GET /api/c/{token} (docs/api.md "Portal"): nothing beyond what the customer's notice said. */
export interface CustomerViewResponse {
  route: string | null;
  deadline: string | null;
  recipient: { name: string; contact: string } | null;
  decision?: string;
}

/** POST /api/c/{token} → 200 */
export interface AnswerResponse {
  decision: string;
  recordedAt: string;
}

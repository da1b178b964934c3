import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { THIRD_PARTY_ANSWER_KINDS, type ThirdPartyAnswerKind } from '@handover/contracts';

const kindOf = (o: ThirdPartyAnswerDto): ThirdPartyAnswerKind => o.kind ?? 'deleted';

/**
 * POST /api/t/{token} (docs/api.md `{confirmedBy, method, deletedAt}`) with the answer kind, `deleted`
 * when absent: deleted needs method and deletedAt; exception an explanation; legal-hold the basis
 * and the end of the retention. Who confirmed is always required (docs/legal.md §4: who, when, how).
 */
export class ThirdPartyAnswerDto {
  @IsOptional() @IsIn(THIRD_PARTY_ANSWER_KINDS) kind?: ThirdPartyAnswerKind;

  @IsString() @MinLength(1) @MaxLength(200) confirmedBy!: string;

  @ValidateIf((o: ThirdPartyAnswerDto) => kindOf(o) === 'deleted' || o.method !== undefined)
  @IsString() @MinLength(1) @MaxLength(500) method?: string;

  @ValidateIf((o: ThirdPartyAnswerDto) => kindOf(o) === 'deleted' || o.deletedAt !== undefined)
  @IsISO8601({ strict: true }) deletedAt?: string;

  @ValidateIf((o: ThirdPartyAnswerDto) => kindOf(o) === 'exception' || o.explanation !== undefined)
  @IsString() @MinLength(1) @MaxLength(2000) explanation?: string;

  @ValidateIf((o: ThirdPartyAnswerDto) => kindOf(o) === 'legal-hold' || o.basis !== undefined)
  @IsString() @MinLength(1) @MaxLength(500) basis?: string;

  @ValidateIf((o: ThirdPartyAnswerDto) => kindOf(o) === 'legal-hold' || o.retainedUntil !== undefined)
  @IsISO8601({ strict: true }) retainedUntil?: string;
}

/** GET /api/t/{token}: what the third party already knows, and its standing answer. */
export interface ThirdPartyViewResponse {
  name: string;
  transferor: string;
  categories: string[];
  dueAt: string | null;
  status: string;
  answer?: { kind: ThirdPartyAnswerKind; recordedAt: string; late: boolean };
}

/** POST /api/t/{token} → 200 */
export interface ThirdPartyAnswerResponse {
  status: string;
  kind: ThirdPartyAnswerKind;
  recordedAt: string;
  late: boolean;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** `{reason}` of a cancellation, a gate rejection or an acknowledgement override (issue 14). */
export class ReasonDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'why; state the business reason, not personal data' })
  @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}

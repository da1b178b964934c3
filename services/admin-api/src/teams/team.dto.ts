import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class CreateTeamDto {
  @ApiProperty({ example: 'insolvency-shanghai', description: 'a label for the team (not personal data), unique', maxLength: 100 })
  @IsString() @MaxLength(100) @Matches(/^[^\p{Cc}]+$/u, { message: 'must not be empty nor contain control characters' })
  name!: string;
}

export class TeamCreatedDto {
  @ApiProperty({ example: 'tm_3q2-7wEjXvS0aZbK', description: 'give it as `team` to POST /v1/keys and POST /v1/cases' }) id!: string;
}

export class TeamDto {
  @ApiProperty({ example: 'tm_3q2-7wEjXvS0aZbK' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

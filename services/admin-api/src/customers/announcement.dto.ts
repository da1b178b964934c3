import { ApiProperty } from '@nestjs/swagger';

class AnnouncementTextDto {
  @ApiProperty({ name: 'zh-CN' }) 'zh-CN'!: string;
  @ApiProperty() en!: string;
}

/** GET /v1/cases/{id}/announcement: the public announcement the notification phase stored (organisation names and dates only). */
export class AnnouncementDto {
  @ApiProperty({ description: 'customers of the notice audience without an email address (not part of the text)' }) count!: number;
  @ApiProperty({ example: 'notice' }) mailing!: string;
  @ApiProperty({ example: 'announcement/1' }) wordingVersion!: string;
  @ApiProperty({ type: AnnouncementTextDto }) text!: AnnouncementTextDto;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DownloadCopyUseCase } from './download-copy.use-case';

/** `GET /d/{token}`: the customer's copy as a JSON file (short-lived signed link from the outcome mail). */
@Controller('d')
export class DownloadController {
  constructor(private readonly downloadCopy: DownloadCopyUseCase) {}

  @Get(':token')
  async download(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const copy = await this.downloadCopy.execute(token);
    response
      .status(200)
      .type('application/json; charset=utf-8')
      .setHeader('content-disposition', `attachment; filename="personal-data-${copy.requestId}.json"`)
      .setHeader('cache-control', 'no-store')
      .send(JSON.stringify(copy, null, 2));
  }
}

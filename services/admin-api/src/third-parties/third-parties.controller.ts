import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiDoc } from '../common/api-doc.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/roles';
import { AddThirdPartyUseCase } from './add-third-party.use-case';
import { ListThirdPartiesUseCase } from './list-third-parties.use-case';
import { PageQueryDto } from '../common/paging';
import { AddThirdPartyDto, ThirdPartyCreatedDto, ThirdPartyPageDto } from './third-party.dto';

/** Third parties that received the case's data and must confirm deletion (docs/legal.md §4). */
@ApiTags('third-parties')
@ApiBearerAuth()
@Controller('v1/cases/:id/third-parties')
export class ThirdPartiesController {
  constructor(private readonly addThirdParty: AddThirdPartyUseCase, private readonly listThirdParties: ListThirdPartiesUseCase) {}

  @Post()
  @ApiDoc('Add a third party; it is mailed its deletion request when the third-party workflow runs (or at once if it already runs)', {
    created: { type: ThirdPartyCreatedDto }, badRequest: 'invalid body (fields named)', notFound: 'unknown case',
    conflict: 'CASE_CLOSED, or CASE_KEY_SHREDDED',
  })
  add(@Param('id') id: string, @Body() dto: AddThirdPartyDto, @CurrentPrincipal() principal: Principal): Promise<ThirdPartyCreatedDto> {
    return this.addThirdParty.execute(id, dto, principal);
  }

  @Get()
  @ApiDoc('Third parties with status (pending, requested, overdue, confirmed, exception), due time, answer time and the late flag; keyset pages in the order added', {
    ok: { type: ThirdPartyPageDto }, badRequest: 'an invalid limit or cursor (the parameter is named)', notFound: 'unknown case',
    conflict: 'CASE_KEY_SHREDDED',
  })
  list(@Param('id') id: string, @Query() query: PageQueryDto): Promise<ThirdPartyPageDto> {
    return this.listThirdParties.execute(id, query);
  }
}

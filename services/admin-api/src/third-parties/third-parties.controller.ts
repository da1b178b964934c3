import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/roles';
import { AddThirdPartyUseCase } from './add-third-party.use-case';
import { ListThirdPartiesUseCase } from './list-third-parties.use-case';
import { PageQueryDto } from '../common/paging';
import { AddThirdPartyDto, ThirdPartyCreatedDto, ThirdPartyPageDto } from './third-party.dto';

/** Third parties that received the case's data and must confirm deletion (LEGAL.md §4). */
@ApiTags('third-parties')
@ApiBearerAuth()
@Controller('v1/cases/:id/third-parties')
export class ThirdPartiesController {
  constructor(
    private readonly addThirdParty: AddThirdPartyUseCase,
    private readonly listThirdParties: ListThirdPartiesUseCase,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Add a third party; it is mailed its deletion request when the third-party workflow runs (or at once if it already runs)' })
  @ApiCreatedResponse({ type: ThirdPartyCreatedDto })
  @ApiBadRequestResponse({ description: 'invalid body (fields named)' })
  @ApiNotFoundResponse({ description: 'unknown case' })
  @ApiConflictResponse({ description: 'CASE_CLOSED, or CASE_KEY_SHREDDED' })
  add(@Param('id') id: string, @Body() dto: AddThirdPartyDto, @CurrentPrincipal() principal: Principal): Promise<ThirdPartyCreatedDto> {
    return this.addThirdParty.execute(id, dto, principal);
  }

  @Get()
  @ApiOperation({ summary: 'Third parties with status (pending, requested, overdue, confirmed, exception), due time, answer time and the late flag; keyset pages in the order added' })
  @ApiOkResponse({ type: ThirdPartyPageDto })
  @ApiBadRequestResponse({ description: 'an invalid limit or cursor (the parameter is named)' })
  @ApiNotFoundResponse({ description: 'unknown case' })
  @ApiConflictResponse({ description: 'CASE_KEY_SHREDDED' })
  list(@Param('id') id: string, @Query() query: PageQueryDto): Promise<ThirdPartyPageDto> {
    return this.listThirdParties.execute(id, query);
  }
}

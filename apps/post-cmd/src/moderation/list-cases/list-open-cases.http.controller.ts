import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@social-posts/service-runtime';
import { ListOpenCasesQuery } from './list-open-cases.query';
import { OpenCasesResponse } from './open-cases.response';

@ApiTags('moderation')
@AdminOnly()
@Controller('admin/moderation/cases')
export class ListOpenCasesHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Open moderation cases',
    description: 'Posts hidden by reports, awaiting a decision, soonest deadline first.',
  })
  @ApiOkResponse({ type: OpenCasesResponse })
  list(): Promise<OpenCasesResponse> {
    return this.queryBus.execute(new ListOpenCasesQuery());
  }
}

import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import { AdminOnly } from '@social-posts/service-runtime';
import { IsUUID } from 'class-validator';
import { ApiCommand } from '../../posts/http/api-command-responses.decorator';
import { CommandMeta } from '../../posts/http/command-metadata.decorator';
import { CaseDecidedResponse } from './case-decided.response';
import { DecideCaseCommand } from './decide-case.command';
import { DecideCaseRequestDto } from './decide-case.request.dto';

export class CaseRouteParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly caseId!: string;
}

@ApiTags('moderation')
@Controller('admin/moderation/cases')
export class DecideCaseHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':caseId/decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decide an open moderation case',
    description:
      '`keep` shows the hidden post again, `remove` takes it down. A case is decided once: by ' +
      'the first moderator, or by its deadline (MODERATION_DEFAULT) if none decided in time.',
  })
  @ApiCommand(AdminOnly)
  @ApiOkResponse({ type: CaseDecidedResponse })
  @ApiNotFoundResponse({ description: 'No such case.' })
  @ApiConflictResponse({
    description:
      'The case was decided already (by a moderator or its deadline), or its post was removed.',
  })
  decide(
    @Param() { caseId }: CaseRouteParams,
    @Body() { decision }: DecideCaseRequestDto,
    @CommandMeta() metadata: CommandMetadata,
  ): Promise<CaseDecidedResponse> {
    return this.commandBus.execute(
      new DecideCaseCommand({ caseId, decision, decidedBy: 'moderator', metadata }),
    );
  }
}

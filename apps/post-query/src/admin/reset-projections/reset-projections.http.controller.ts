import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@social-posts/service-runtime';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn } from 'class-validator';
import { PROJECTION_NAMES, type ProjectionName } from '../../posts/post-projections';
import { ResetProjectionsCommand } from './reset-projections.command';

export class ResetProjectionsRequest {
  @ApiProperty({
    enum: PROJECTION_NAMES,
    isArray: true,
    minItems: 1,
    maxItems: PROJECTION_NAMES.length,
    description: 'The projections to empty and rebuild; the others are left as they are.',
    example: ['post-tags'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PROJECTION_NAMES.length)
  @IsIn(PROJECTION_NAMES, { each: true })
  readonly projections!: ProjectionName[];
}

export class ResetProjectionsResponse {
  @ApiProperty({
    enum: PROJECTION_NAMES,
    isArray: true,
    description: 'Emptied, positions forgotten.',
  })
  readonly reset!: ProjectionName[];
  @ApiProperty({
    description: 'What rebuilds them: a republish of the event store on post-cmd.',
    example: 'POST /api/v1/admin/republish on post-cmd',
  })
  readonly next!: string;
}

/**
 * The read side of a rebuild: the named projections are emptied and start again from every
 * post's first event, so the republish that follows (on post-cmd: the services share only the
 * stream) fills them, while the other projections skip what they already have. No SQL by hand.
 */
@ApiTags('admin')
@AdminOnly()
@Controller('admin/projections')
export class ResetProjectionsHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('reset')
  @HttpCode(200)
  @ApiOkResponse({ type: ResetProjectionsResponse })
  @ApiBadRequestResponse({ description: 'No projection named, or an unknown one (problem+json).' })
  async reset(@Body() { projections }: ResetProjectionsRequest): Promise<ResetProjectionsResponse> {
    await this.commandBus.execute(new ResetProjectionsCommand(projections));
    return { reset: [...new Set(projections)], next: 'POST /api/v1/admin/republish on post-cmd' };
  }
}

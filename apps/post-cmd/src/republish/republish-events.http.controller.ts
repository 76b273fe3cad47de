import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '@social-posts/service-runtime';
import { IsOptional, IsUUID } from 'class-validator';
import { GetRepublishProgressQuery } from './get-republish-progress.query';
import { RepublishProgressResponse } from './republish-progress.response';
import { RequestRepublishCommand } from './request-republish.command';

export class RepublishParams {
  @ApiPropertyOptional({ format: 'uuid', description: 'Republish only this post’s events.' })
  @IsOptional()
  @IsUUID()
  readonly postId?: string;
}

/**
 * The write side of rebuilding the read side (the course's "restore read DB"): every stored
 * event is published again, each post's in version order. The read side skips what it has
 * already applied, so a republish alone never double counts; emptied read tables fill again.
 * With `postId`, only that post's events: how a post released from parking gets back what was
 * dead-lettered. Admins only: a republish holds back new events while it runs. Through the
 * command and query buses, like every other route.
 */
@ApiTags('admin')
@AdminOnly()
@Controller('admin/republish')
export class RepublishEventsHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RepublishProgressResponse, description: 'Republishing has begun.' })
  @ApiBadRequestResponse({ description: 'postId is not a UUID.' })
  async republish(@Query() { postId }: RepublishParams): Promise<RepublishProgressResponse> {
    await this.commandBus.execute(new RequestRepublishCommand(postId ?? null));
    return this.queryBus.execute(new GetRepublishProgressQuery());
  }

  /** How far the newest republish has got, plus what the outbox has yet to publish. */
  @Get()
  @ApiOkResponse({ type: RepublishProgressResponse })
  progress(): Promise<RepublishProgressResponse> {
    return this.queryBus.execute(new GetRepublishProgressQuery());
  }
}

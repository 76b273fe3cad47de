import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import { ActingUser, type Actor } from '@social-posts/service-runtime';
import { ApiCommandOnPost } from '../http/api-command-responses.decorator';
import { CommandAcceptedResponse } from '../http/command-accepted.response';
import { CommandMeta } from '../http/command-metadata.decorator';
import { ExpectedVersion } from '../http/expected-version.decorator';
import { PostRouteParams } from '../http/post-route.params';
import { VersionETagInterceptor } from '../http/version-etag.interceptor';
import { ReportPostCommand } from './report-post.command';
import { ReportPostRequestDto } from './report-post.request.dto';

@ApiTags('moderation')
@Controller('posts')
@UseInterceptors(VersionETagInterceptor)
export class ReportPostHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/reports')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Report a post to the moderators',
    description:
      'Once per user and post, never one’s own. Who reported a post is shown to admins only; ' +
      'its author and others see that it was reported, and why, in its history.',
  })
  @ApiCreatedResponse({ type: CommandAcceptedResponse })
  @ApiCommandOnPost('The post is the reporter’s own.')
  reportPost(
    @Param() { id }: PostRouteParams,
    @Body() { reason }: ReportPostRequestDto,
    @ExpectedVersion() expectedVersion: number | undefined,
    @ActingUser() actor: Actor,
    @CommandMeta() metadata: CommandMetadata,
  ): Promise<CommandAcceptedResponse> {
    return this.commandBus.execute(
      new ReportPostCommand({
        postId: id,
        username: actor.username,
        reason,
        expectedVersion,
        metadata,
      }),
    );
  }
}

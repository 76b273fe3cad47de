import { Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import { ActingUser, type Actor } from '@social-posts/service-runtime';
import { ApiCommandOnPost } from '../http/api-command-responses.decorator';
import { CommandAcceptedResponse } from '../http/command-accepted.response';
import { CommandMeta } from '../http/command-metadata.decorator';
import { ExpectedVersion } from '../http/expected-version.decorator';
import { PostRouteParams } from '../http/post-route.params';
import { VersionETagInterceptor } from '../http/version-etag.interceptor';
import { LikePostCommand } from './like-post.command';

@ApiTags('posts')
@Controller('posts')
@UseInterceptors(VersionETagInterceptor)
export class LikePostHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/likes')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAcceptedResponse })
  @ApiCommandOnPost()
  likePost(
    @Param() { id }: PostRouteParams,
    @ExpectedVersion() expectedVersion: number | undefined,
    @ActingUser() actor: Actor,
    @CommandMeta() metadata: CommandMetadata,
  ): Promise<CommandAcceptedResponse> {
    return this.commandBus.execute(
      new LikePostCommand({ postId: id, username: actor.username, expectedVersion, metadata }),
    );
  }
}

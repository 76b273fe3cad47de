import { Controller, Delete, Param, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import { ActingUser, type Actor } from '@social-posts/service-runtime';
import { ApiCommandOnPost } from '../http/api-command-responses.decorator';
import { CommandAcceptedResponse } from '../http/command-accepted.response';
import { CommandMeta } from '../http/command-metadata.decorator';
import { ExpectedVersion } from '../http/expected-version.decorator';
import { CommentRouteParams } from '../http/post-route.params';
import { VersionETagInterceptor } from '../http/version-etag.interceptor';
import { RemoveCommentCommand } from './remove-comment.command';

@ApiTags('comments')
@Controller('posts')
@UseInterceptors(VersionETagInterceptor)
export class RemoveCommentHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Delete(':id/comments/:commentId')
  @ApiOkResponse({ type: CommandAcceptedResponse })
  @ApiCommandOnPost('Not the comment’s author.')
  removeComment(
    @Param() { id, commentId }: CommentRouteParams,
    @ExpectedVersion() expectedVersion: number | undefined,
    @ActingUser() actor: Actor,
    @CommandMeta() metadata: CommandMetadata,
  ): Promise<CommandAcceptedResponse> {
    return this.commandBus.execute(
      new RemoveCommentCommand({
        postId: id,
        commentId,
        username: actor.username,
        expectedVersion,
        metadata,
      }),
    );
  }
}

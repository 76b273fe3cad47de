import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import { ActingUser, type Actor } from '@social-posts/service-runtime';
import { ApiCommandOnPost } from '../http/api-command-responses.decorator';
import { CommandMeta } from '../http/command-metadata.decorator';
import { ExpectedVersion } from '../http/expected-version.decorator';
import { LINKS_FROM_A_NEW_COMMENT } from '../http/post-links';
import { PostRouteParams } from '../http/post-route.params';
import { VersionETagInterceptor } from '../http/version-etag.interceptor';
import { AddCommentCommand } from './add-comment.command';
import { AddCommentRequestDto } from './add-comment.request.dto';
import { CommentAcceptedResponse } from './comment-accepted.response';

@ApiTags('comments')
@Controller('posts')
@UseInterceptors(VersionETagInterceptor)
export class AddCommentHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/comments')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommentAcceptedResponse, links: LINKS_FROM_A_NEW_COMMENT })
  @ApiCommandOnPost()
  addComment(
    @Param() { id }: PostRouteParams,
    @Body() body: AddCommentRequestDto,
    @ExpectedVersion() expectedVersion: number | undefined,
    @ActingUser() actor: Actor,
    @CommandMeta() metadata: CommandMetadata,
  ): Promise<CommentAcceptedResponse> {
    return this.commandBus.execute(
      new AddCommentCommand({
        postId: id,
        commentId: randomUUID(),
        username: actor.username,
        comment: body.comment,
        expectedVersion,
        metadata,
      }),
    );
  }
}

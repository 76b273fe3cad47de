import { Body, Controller, Delete, Param, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import { ApiCommandOnPost } from '../api-command-responses.decorator';
import { CommandAcceptedResponse } from '../command-accepted.response';
import { CommandMeta } from '../command-metadata.decorator';
import { ExpectedVersion } from '../expected-version.decorator';
import { CommentRouteParams } from '../post-route.params';
import { VersionETagInterceptor } from '../version-etag.interceptor';
import { RemoveCommentCommand } from './remove-comment.command';
import { RemoveCommentRequestDto } from './remove-comment.request.dto';

@ApiTags('comments')
@Controller('posts')
@UseInterceptors(VersionETagInterceptor)
export class RemoveCommentHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /** The acting user comes in a JSON body, as for every command (`{"username": "…"}`). */
  @Delete(':id/comments/:commentId')
  @ApiOkResponse({ type: CommandAcceptedResponse })
  @ApiCommandOnPost('Not the comment’s author.')
  removeComment(
    @Param() { id, commentId }: CommentRouteParams,
    @Body() body: RemoveCommentRequestDto,
    @ExpectedVersion() expectedVersion: number | undefined,
    @CommandMeta() metadata: CommandMetadata,
  ): Promise<CommandAcceptedResponse> {
    return this.commandBus.execute(
      new RemoveCommentCommand(id, commentId, body.username, expectedVersion, metadata),
    );
  }
}

import { Body, Controller, Param, Patch, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import { ActingUser, type Actor } from '@social-posts/service-runtime';
import { ApiCommandOnPost } from '../http/api-command-responses.decorator';
import { CommandAcceptedResponse } from '../http/command-accepted.response';
import { CommandMeta } from '../http/command-metadata.decorator';
import { ExpectedVersion } from '../http/expected-version.decorator';
import { PostRouteParams } from '../http/post-route.params';
import { VersionETagInterceptor } from '../http/version-etag.interceptor';
import { EditPostMessageCommand } from './edit-post-message.command';
import { EditPostMessageRequestDto } from './edit-post-message.request.dto';

@ApiTags('posts')
@Controller('posts')
@UseInterceptors(VersionETagInterceptor)
export class EditPostMessageHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Patch(':id')
  @ApiOkResponse({ type: CommandAcceptedResponse })
  @ApiCommandOnPost('Not the post’s author.')
  editPostMessage(
    @Param() { id }: PostRouteParams,
    @Body() body: EditPostMessageRequestDto,
    @ExpectedVersion() expectedVersion: number | undefined,
    @ActingUser() actor: Actor,
    @CommandMeta() metadata: CommandMetadata,
  ): Promise<CommandAcceptedResponse> {
    return this.commandBus.execute(
      new EditPostMessageCommand({
        postId: id,
        username: actor.username,
        message: body.message,
        expectedVersion,
        metadata,
      }),
    );
  }
}

import { Body, Controller, Delete, Param, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import { ApiCommandOnPost } from '../api-command-responses.decorator';
import { CommandAcceptedResponse } from '../command-accepted.response';
import { CommandMeta } from '../command-metadata.decorator';
import { ExpectedVersion } from '../expected-version.decorator';
import { PostRouteParams } from '../post-route.params';
import { VersionETagInterceptor } from '../version-etag.interceptor';
import { RemovePostCommand } from './remove-post.command';
import { RemovePostRequestDto } from './remove-post.request.dto';

@ApiTags('posts')
@Controller('posts')
@UseInterceptors(VersionETagInterceptor)
export class RemovePostHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /** The acting user comes in a JSON body, as for every command (`{"username": "…"}`). */
  @Delete(':id')
  @ApiOkResponse({ type: CommandAcceptedResponse })
  @ApiCommandOnPost('Not the post’s author.')
  removePost(
    @Param() { id }: PostRouteParams,
    @Body() body: RemovePostRequestDto,
    @ExpectedVersion() expectedVersion: number | undefined,
    @CommandMeta() metadata: CommandMetadata,
  ): Promise<CommandAcceptedResponse> {
    return this.commandBus.execute(
      new RemovePostCommand(id, body.username, expectedVersion, metadata),
    );
  }
}

import { Body, Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import { ActingUser, type Actor } from '@social-posts/service-runtime';
import { ApiCommand } from '../http/api-command-responses.decorator';
import { CommandAcceptedResponse } from '../http/command-accepted.response';
import { CommandMeta } from '../http/command-metadata.decorator';
import { LINKS_FROM_A_NEW_POST } from '../http/post-links';
import { VersionETagInterceptor } from '../http/version-etag.interceptor';
import { CreatePostCommand } from './create-post.command';
import { newPostId } from './new-post-id';
import { CreatePostRequestDto } from './create-post.request.dto';

@ApiTags('posts')
@Controller('posts')
@UseInterceptors(VersionETagInterceptor)
export class CreatePostHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({
    type: CommandAcceptedResponse,
    description: 'The new post, at version 1.',
    links: LINKS_FROM_A_NEW_POST,
  })
  @ApiCommand()
  createPost(
    @Body() body: CreatePostRequestDto,
    @ActingUser() actor: Actor,
    @CommandMeta() metadata: CommandMetadata,
  ): Promise<CommandAcceptedResponse> {
    return this.commandBus.execute(
      new CreatePostCommand({
        postId: newPostId(metadata.idempotency),
        author: actor.username,
        message: body.message,
        metadata,
      }),
    );
  }
}

import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import { CommandAcceptedResponse } from '../command-accepted.response';
import { CommandMeta } from '../command-metadata.decorator';
import { VersionETagInterceptor } from '../version-etag.interceptor';
import { CreatePostCommand } from './create-post.command';
import { CreatePostRequestDto } from './create-post.request.dto';

@ApiTags('posts')
@Controller('posts')
@UseInterceptors(VersionETagInterceptor)
export class CreatePostHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiHeader({ name: 'X-Correlation-Id', required: false })
  @ApiCreatedResponse({ type: CommandAcceptedResponse, description: 'The new post, at version 1.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field.' })
  @ApiPayloadTooLargeResponse({ description: 'Body over 64 kB.' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Body not application/json.' })
  createPost(
    @Body() body: CreatePostRequestDto,
    @CommandMeta() metadata: CommandMetadata,
  ): Promise<CommandAcceptedResponse> {
    return this.commandBus.execute(
      new CreatePostCommand(randomUUID(), body.author, body.message, metadata),
    );
  }
}

import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import type { Response } from 'express';
import { CommandMeta } from '../command-metadata.decorator';
import { CommandAcceptedResponse } from '../command-accepted.response';
import { CreatePostCommand } from './create-post.command';
import { CreatePostRequestDto } from './create-post.request.dto';

@ApiTags('posts')
@Controller('posts')
export class CreatePostHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiHeader({ name: 'X-Correlation-Id', required: false })
  @ApiCreatedResponse({
    type: CommandAcceptedResponse,
    description: 'The new post; its version is also the ETag.',
  })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field.' })
  @ApiPayloadTooLargeResponse({ description: 'Body over 64 kB.' })
  async createPost(
    @Body() body: CreatePostRequestDto,
    @CommandMeta() metadata: CommandMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAcceptedResponse> {
    const accepted = await this.commandBus.execute(
      new CreatePostCommand(randomUUID(), body.author, body.message, metadata),
    );
    response.setHeader('ETag', `"${accepted.version}"`);
    return accepted;
  }
}

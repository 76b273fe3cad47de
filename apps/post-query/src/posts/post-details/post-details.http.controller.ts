import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { FindPostByIdQuery } from './find-post-by-id.query';
import { PostDetailsResponse } from './post-details.response';

export class PostIdParams {
  @IsUUID()
  readonly id!: string;
}

@ApiTags('posts')
@Controller('posts')
export class PostDetailsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @ApiOkResponse({ type: PostDetailsResponse })
  @ApiBadRequestResponse({ description: 'The id is not a UUID (problem+json).' })
  @ApiNotFoundResponse({ description: 'No such post in the read model (problem+json).' })
  findPostById(@Param() { id }: PostIdParams): Promise<PostDetailsResponse> {
    return this.queryBus.execute(new FindPostByIdQuery(id));
  }
}

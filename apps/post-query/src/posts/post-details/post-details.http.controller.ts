import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  IntegerParam,
  MAX_INT32,
  OptionallyAuthenticated,
  problemType,
  Viewer,
  type Actor,
} from '@social-posts/service-runtime';
import { IsUUID } from 'class-validator';
import { FindPostByIdQuery } from './find-post-by-id.query';
import { PostDetailsResponse } from './post-details.response';

export class PostIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly id!: string;
}

export class PostDetailsQueryParams {
  @IntegerParam({
    description:
      'Read your writes: wait (bounded) until the read model has this version of the post, ' +
      'such as the version or ETag a command answered.',
    minimum: 1,
    maximum: MAX_INT32,
  })
  readonly minVersion?: number;
}

@ApiTags('posts')
@OptionallyAuthenticated()
@Controller('posts')
export class PostDetailsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @ApiOkResponse({ type: PostDetailsResponse, description: 'The post with its comments.' })
  @ApiBadRequestResponse({ description: 'The id is not a UUID, or minVersion is malformed.' })
  @ApiNotFoundResponse({
    description:
      'No such post in the read model, it was removed, or moderation hides it from this reader.',
  })
  @ApiServiceUnavailableResponse({
    description:
      'With minVersion: the read model has not reached that version in time ' +
      `(type ${problemType('read-model-behind')}, with requiredVersion and currentVersion).`,
  })
  findPostById(
    @Param() { id }: PostIdParams,
    @Query() { minVersion }: PostDetailsQueryParams,
    @Viewer() viewer: Actor | undefined,
  ): Promise<PostDetailsResponse> {
    return this.queryBus.execute(new FindPostByIdQuery(id, minVersion, viewer));
  }
}

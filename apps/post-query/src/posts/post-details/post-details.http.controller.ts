import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@social-posts/service-runtime';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { FindPostByIdQuery } from './find-post-by-id.query';
import { PostDetailsResponse } from './post-details.response';

export class PostIdParams {
  @IsUUID()
  readonly id!: string;
}

export class PostDetailsQueryParams {
  @ApiPropertyOptional({
    description:
      'Read your writes: wait (bounded) until the read model has this version of the post, ' +
      'such as the version or ETag a command answered.',
    minimum: 1,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  readonly minVersion?: number;
}

@ApiTags('posts')
@Public()
@Controller('posts')
export class PostDetailsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @ApiOkResponse({ type: PostDetailsResponse, description: 'The post with its comments.' })
  @ApiBadRequestResponse({ description: 'The id is not a UUID, or minVersion is malformed.' })
  @ApiNotFoundResponse({ description: 'No such post in the read model, or it was removed.' })
  @ApiServiceUnavailableResponse({
    description:
      'With minVersion: the read model has not reached that version in time ' +
      '(type urn:social-posts:problem:read-model-behind, with requiredVersion and currentVersion).',
  })
  findPostById(
    @Param() { id }: PostIdParams,
    @Query() { minVersion }: PostDetailsQueryParams,
  ): Promise<PostDetailsResponse> {
    return this.queryBus.execute(new FindPostByIdQuery(id, minVersion));
  }
}

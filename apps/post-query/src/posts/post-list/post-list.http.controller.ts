import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@social-posts/service-runtime';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { FindPostsQuery } from './find-posts.query';
import { PostPageResponse } from './post-page.response';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class PostListQueryParams {
  @ApiPropertyOptional({ description: 'Only this author’s posts.', example: 'ada' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly author?: string;

  @ApiPropertyOptional({
    description: 'true: only posts with at least one comment; false: only posts without any.',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  readonly withComments?: boolean;

  @ApiPropertyOptional({ description: 'Only posts with at least this many likes.', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  readonly minLikes?: number;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  readonly page: number = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  readonly limit: number = 20;
}

@ApiTags('posts')
@Public()
@Controller('posts')
export class PostListHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /** Posts by author, with comments, or with at least N likes: one list, with filters. */
  @Get()
  @ApiOkResponse({ type: PostPageResponse })
  @ApiBadRequestResponse({ description: 'A malformed or unknown query parameter (problem+json).' })
  findPosts(@Query() params: PostListQueryParams): Promise<PostPageResponse> {
    const { author, withComments, minLikes, page, limit } = params;
    return this.queryBus.execute(
      new FindPostsQuery({ author, withComments, minLikes }, page, limit),
    );
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { MAX_TAG_LENGTH, MAX_USERNAME_LENGTH, normalisedTag } from '@social-posts/post-events';
import {
  IntegerParam,
  MAX_INT32,
  OptionallyAuthenticated,
  Viewer,
  type Actor,
} from '@social-posts/service-runtime';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { FindPostsQuery } from './find-posts.query';
import { PostPageResponse } from './post-page.response';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** A hashtag as asked for (`#NestJS`) in the form tags are stored in (`nestjs`). */
const asTag = (param: string): string => normalisedTag(param.replace(/^#/, ''));

/** The longest tag and its `#`. */
const MAX_TAG_PARAM_LENGTH = MAX_TAG_LENGTH + 1;

export class PostListQueryParams {
  @ApiPropertyOptional({
    // No `example`: Swagger UI would fill it in and send it (examples shown, not sent).
    description:
      'Only this author’s posts, e.g. `ada`. Something that cannot be a user name matches no post.',
    minLength: 1,
    maxLength: MAX_USERNAME_LENGTH,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_USERNAME_LENGTH)
  readonly author?: string;

  @ApiPropertyOptional({
    description: 'true: only posts with at least one comment; false: only posts without any.',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  readonly withComments?: boolean;

  @IntegerParam({
    description: 'Only posts with at least this many likes.',
    minimum: 0,
    maximum: MAX_INT32,
  })
  readonly minLikes?: number;

  @ApiPropertyOptional({
    description:
      'Only posts whose message carries this hashtag, with or without its `#`, in any case ' +
      '(e.g. `#NestJS` or `nestjs`). Something that cannot be a hashtag matches no post.',
    minLength: 1,
    maxLength: MAX_TAG_PARAM_LENGTH,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TAG_PARAM_LENGTH)
  readonly tag?: string;

  @IntegerParam({ minimum: 1, maximum: 100_000, default: 1 })
  readonly page: number = 1;

  @IntegerParam({ minimum: 1, maximum: 100, default: 20 })
  readonly limit: number = 20;
}

@ApiTags('posts')
@OptionallyAuthenticated()
@Controller('posts')
export class PostListHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /** Posts by author, with comments, with at least N likes or with a hashtag: one list, with filters. */
  @Get()
  @ApiOkResponse({ type: PostPageResponse })
  @ApiBadRequestResponse({ description: 'A malformed or unknown query parameter (problem+json).' })
  findPosts(
    @Query() params: PostListQueryParams,
    @Viewer() viewer: Actor | undefined,
  ): Promise<PostPageResponse> {
    const { author, withComments, minLikes, tag, page, limit } = params;
    return this.queryBus.execute(
      new FindPostsQuery(
        { author, withComments, minLikes, tag: tag === undefined ? undefined : asTag(tag) },
        page,
        limit,
        viewer?.username,
      ),
    );
  }
}

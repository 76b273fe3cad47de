import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiBadRequestResponse,
  ApiHeader,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
  PickType,
} from '@nestjs/swagger';
import { normalisedTag } from '@social-posts/post-events';
import { InvalidRequest, Public } from '@social-posts/service-runtime';
import { IsOptional, IsUUID } from 'class-validator';
import type { Request, Response } from 'express';
import type { PostQueryEnvironment } from '../config/post-query.environment';
import { PostListQueryParams } from '../posts/post-list/post-list.http.controller';
import { LiveFeedFull } from './live-feed-full.error';
import { PostChangeFeed } from './post-change-feed';
import { SseClient } from './sse-client';

/** How long a client refused for capacity is told to wait. */
const FULL_RETRY_AFTER_SECONDS = 5;
const POSITION = /^\d{1,19}$/;

/** The feed's filters: the post list's `author` and `tag`, and one post. */
export class LiveFilterParams extends PickType(PostListQueryParams, ['author', 'tag'] as const) {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this post’s changes.' })
  @IsOptional()
  @IsUUID()
  readonly postId?: string;
}

/**
 * The change feed (docs/11-live-feed.md): server-sent events, one per change the read model
 * applied, in the read side's own order, resumable on any instance with `Last-Event-ID`. No
 * token: what it sends, the queries answer to anyone.
 */
@ApiTags('live')
@Public()
@Controller('live')
export class LivePostsHttpController {
  private readonly retryMs: number;

  constructor(
    private readonly feed: PostChangeFeed,
    config: ConfigService<PostQueryEnvironment, true>,
  ) {
    this.retryMs = config.get('LIVE_RETRY_MS', { infer: true });
  }

  @Get('posts')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description:
      'The `id` of the last change received: the stream resumes after it (a browser’s ' +
      'EventSource sends it when it reconnects). Without it, the stream starts at the newest.',
    schema: { type: 'string', pattern: POSITION.source },
  })
  @ApiOkResponse({
    description:
      '`text/event-stream`: first `retry:` (the reconnection delay), then an event `change` ' +
      'per change, its `id` the change’s position and its `data` a JSON PostChange ' +
      '(position, postId, version, eventType, post: the post’s summary and tags, ' +
      'correlationId, storedAt, published: {at, partition, offset}, projectedAt); a comment ' +
      'line as heartbeat; an event `reset` if `Last-Event-ID` is older than the change log keeps ' +
      '(reload, then follow on). A client that does not keep up is disconnected, and resumes.',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiBadRequestResponse({
    description: 'A filter or `Last-Event-ID` is not valid (problem+json).',
  })
  @ApiServiceUnavailableResponse({
    description: 'This instance serves its most clients (`Retry-After`), or its database is away.',
  })
  async followPostChanges(
    @Query() filter: LiveFilterParams,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    if (lastEventId !== undefined && !POSITION.test(lastEventId)) {
      throw new InvalidRequest([
        { field: 'Last-Event-ID', messages: ['must be the id of a change: digits only'] },
      ]);
    }
    if (this.feed.clients >= this.feed.maxClients) {
      throw new LiveFeedFull(this.feed.maxClients, FULL_RETRY_AFTER_SECONDS);
    }
    const { postId, author, tag } = filter;
    const client = new SseClient(
      response,
      // Tags are kept as stored (`#NestJS` is `nestjs`).
      { postId, author, tag: tag === undefined ? undefined : normalisedTag(tag.replace(/^#/, '')) },
    );
    client.open(this.retryMs);
    const leave = await this.feed.join(
      client,
      lastEventId === undefined ? undefined : BigInt(lastEventId),
    );
    request.once('close', leave);
  }
}

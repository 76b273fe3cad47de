import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import {
  IntegerParam,
  MAX_INT32,
  OptionallyAuthenticated,
  Viewer,
  type Actor,
} from '@social-posts/service-runtime';
import { PostRouteParams } from '../http/post-route.params';
import { GetPostEventsQuery } from './get-post-events.query';
import { GetPostStateQuery } from './get-post-state.query';
import { PostStateResponse } from './post-state.response';
import { WITHHELD_FIELDS, type HistoryEvent, type WithheldField } from './public-history';

export class PostStateQueryParams {
  @IntegerParam({ description: 'Replay only up to this version.', minimum: 1, maximum: MAX_INT32 })
  readonly asOfVersion?: number;
}

class StoredEventResponse {
  @ApiProperty() readonly eventId!: string;
  @ApiProperty() readonly eventType!: string;
  @ApiProperty() readonly schemaVersion!: number;
  @ApiProperty() readonly aggregateId!: string;
  @ApiProperty() readonly aggregateType!: string;
  @ApiProperty() readonly version!: number;
  @ApiProperty({ format: 'date-time' }) readonly occurredAt!: string;
  @ApiProperty({
    type: Object,
    description:
      'The event’s data; a withheld field is null (see `withheld`), and so is a field of a person who was erased (docs/12-privacy.md).',
  })
  readonly data!: unknown;
  @ApiProperty({ type: Object }) readonly metadata!: unknown;
  @ApiPropertyOptional({
    type: [String],
    enum: WITHHELD_FIELDS,
    description:
      'Fields of `data` withheld from this reader: a message an edit replaced (with its tags), ' +
      'a comment’s replaced text, a removed comment’s text (the post’s author and admins read ' +
      'them), who reported the post (`username` of a PostReported: admins only); absent when ' +
      'nothing is withheld.',
  })
  readonly withheld?: readonly WithheldField[];
}

const REMOVED_POST_HISTORY =
  'The post is removed, or hidden by moderation, and the token is neither its author’s nor an ' +
  'admin’s (with no token: 401).';

/**
 * The write side's view of a post's history, straight from the event store. Public, except a
 * removed or hidden post's (its author and admins only) and the words its author or a commenter took
 * back (withheld from others: public-history.ts).
 */
@ApiTags('history')
@OptionallyAuthenticated()
@ApiForbiddenResponse({ description: REMOVED_POST_HISTORY })
@Controller('posts')
export class PostHistoryHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/events')
  @ApiOkResponse({
    type: [StoredEventResponse],
    description:
      'Every event, oldest first. To anyone but the post’s author and admins, texts taken back are withheld (`withheld`).',
  })
  @ApiBadRequestResponse({ description: 'The id is not a UUID.' })
  @ApiNotFoundResponse({ description: 'No such post, or its author was erased.' })
  getPostEvents(
    @Param() { id }: PostRouteParams,
    @Viewer() viewer: Actor | undefined,
  ): Promise<HistoryEvent[]> {
    return this.queryBus.execute(new GetPostEventsQuery(id, viewer));
  }

  @Get(':id/state')
  @ApiOkResponse({ type: PostStateResponse })
  @ApiBadRequestResponse({
    description: 'The id is not a UUID, or asOfVersion not a positive integer.',
  })
  @ApiNotFoundResponse({
    description: 'No such post, its author was erased, or it has no such version yet.',
  })
  getPostState(
    @Param() { id }: PostRouteParams,
    @Query() { asOfVersion }: PostStateQueryParams,
    @Viewer() viewer: Actor | undefined,
  ): Promise<PostStateResponse> {
    return this.queryBus.execute(new GetPostStateQuery(id, asOfVersion, viewer));
  }
}

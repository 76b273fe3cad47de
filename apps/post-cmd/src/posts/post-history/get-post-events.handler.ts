import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, replay, type EventStore } from '@social-posts/event-sourcing';
import { toPostEvent, type PostEventEnvelope } from '@social-posts/post-events';
import { evolve, initialPostState } from '../domain/post';
import { PostNotFound } from '../domain/post.errors';
import { GetPostEventsQuery } from './get-post-events.query';
import { assertMayReadHistory } from './removed-post-access';

/** The post's stored events, oldest first: the audit log an event store gives for free. */
@QueryHandler(GetPostEventsQuery)
export class GetPostEventsHandler implements IQueryHandler<GetPostEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<PostEventEnvelope>) {}

  async execute({ postId, viewer }: GetPostEventsQuery): Promise<PostEventEnvelope[]> {
    const events = await this.store.readStream(postId);
    if (events.length === 0) throw new PostNotFound(postId);
    // The whole stream is read anyway: the state the access check needs is replayed from it.
    assertMayReadHistory(replay(evolve, initialPostState, events.map(toPostEvent)), viewer);
    return events;
  }
}

import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@social-posts/event-sourcing';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { PostNotFound } from '../post.errors';
import { GetPostEventsQuery } from './get-post-events.query';

/** The post's stored events, oldest first: the audit log an event store gives for free. */
@QueryHandler(GetPostEventsQuery)
export class GetPostEventsHandler implements IQueryHandler<GetPostEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<PostEventEnvelope>) {}

  async execute({ postId }: GetPostEventsQuery): Promise<PostEventEnvelope[]> {
    const events = await this.store.readStream(postId);
    if (events.length === 0) throw new PostNotFound(postId);
    return events;
  }
}

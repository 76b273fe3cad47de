import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@social-posts/event-sourcing';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { PostNotFound } from '../post.errors';
import { PostRepository } from '../post.repository';
import { GetPostEventsQuery } from './get-post-events.query';
import { assertMayReadHistory } from './removed-post-access';

/** The post's stored events, oldest first: the audit log an event store gives for free. */
@QueryHandler(GetPostEventsQuery)
export class GetPostEventsHandler implements IQueryHandler<GetPostEventsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<PostEventEnvelope>,
    private readonly posts: PostRepository,
  ) {}

  async execute({ postId, viewer }: GetPostEventsQuery): Promise<PostEventEnvelope[]> {
    const { state } = await this.posts.load(postId);
    if (state.status === 'Unknown') throw new PostNotFound(postId);
    assertMayReadHistory(state, viewer);
    return this.store.readStream(postId);
  }
}

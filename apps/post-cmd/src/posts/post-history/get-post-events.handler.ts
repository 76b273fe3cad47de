import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, replay, type EventStore } from '@social-posts/event-sourcing';
import { unsealEvents } from '@social-posts/personal-data';
import {
  toReadablePostEvent,
  type ReadablePostEventEnvelope,
  type StoredPostEventEnvelope,
} from '@social-posts/post-events';
import { PersonKeys } from '../../personal-data/person-keys';
import { evolve, initialPostState } from '../domain/post';
import { PostNotFound } from '../domain/post.errors';
import { GetPostEventsQuery } from './get-post-events.query';
import { assertMayReadHistory, readsWholeHistory, requireReadablePost } from './history-access';
import { authorHistory, publicHistory, type HistoryEvent } from './public-history';

/**
 * The post's stored events, oldest first: the audit log an event store gives for free. Admins
 * read it whole, its author all but who reported it, others without the words taken back.
 */
@QueryHandler(GetPostEventsQuery)
export class GetPostEventsHandler implements IQueryHandler<GetPostEventsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<StoredPostEventEnvelope>,
    private readonly keys: PersonKeys,
  ) {}

  async execute({ postId, viewer }: GetPostEventsQuery): Promise<HistoryEvent[]> {
    // Who acted is shown by name where the viewer may see it; the key id that would link one
    // person's events across posts, even once erased, is for the read models only.
    const events = (await unsealEvents(await this.store.readStream(postId), this.keys.lookup)).map(
      ({ person: _person, ...event }) => event as ReadablePostEventEnvelope,
    );
    if (events.length === 0) throw new PostNotFound(postId);
    // The whole stream is read anyway: the state the access check needs is replayed from it.
    const state = requireReadablePost(
      replay(evolve, initialPostState, events.map(toReadablePostEvent)),
      postId,
    );
    assertMayReadHistory(state, viewer);
    if (viewer?.admin) return events;
    return readsWholeHistory(state, viewer) ? authorHistory(events) : publicHistory(events);
  }
}

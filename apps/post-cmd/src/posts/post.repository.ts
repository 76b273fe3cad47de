import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  EVENT_STORE,
  replay,
  type CommandMetadata,
  type EventStore,
} from '@social-posts/event-sourcing';
import {
  POST_AGGREGATE_TYPE,
  POST_EVENT_SCHEMA_VERSIONS,
  type PostEvent,
  type PostEventEnvelope,
} from '@social-posts/post-events';
import { evolve, initialPostState, type PostState } from './post';

export interface LoadedPost {
  readonly state: PostState;
  /** Version of the last event replayed; 0 for a post that does not exist. */
  readonly version: number;
}

/**
 * The envelope's type and data, as the domain sees an event. TypeScript cannot follow that
 * each envelope member's type matches its data, hence the assertion.
 */
const toPostEvent = (envelope: PostEventEnvelope): PostEvent =>
  ({ type: envelope.eventType, data: envelope.data }) as PostEvent;

/** Loads posts by replaying their events, and stores new events: the repository pattern. */
@Injectable()
export class PostRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<PostEventEnvelope>) {}

  async load(postId: string, toVersion?: number): Promise<LoadedPost> {
    const events = await this.store.readStream(postId, { toVersion });
    return {
      state: replay(evolve, initialPostState, events.map(toPostEvent)),
      version: events.at(-1)?.version ?? 0,
    };
  }

  /** Appends `event` as version `loadedVersion + 1`; throws VersionConflict if it is taken. */
  async append(
    postId: string,
    loadedVersion: number,
    event: PostEvent,
    metadata: CommandMetadata,
  ): Promise<number> {
    const envelope = {
      eventId: randomUUID(),
      eventType: event.type,
      schemaVersion: POST_EVENT_SCHEMA_VERSIONS[event.type],
      aggregateId: postId,
      aggregateType: POST_AGGREGATE_TYPE,
      version: loadedVersion + 1,
      occurredAt: metadata.receivedAt,
      data: event.data,
      metadata: { correlationId: metadata.correlationId, causationId: metadata.commandId },
    } as PostEventEnvelope;
    await this.store.append(envelope);
    return envelope.version;
  }
}

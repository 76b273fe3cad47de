import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ClaimTaken,
  EVENT_STORE,
  SNAPSHOT_STORE,
  replay,
  type CommandMetadata,
  type EventStore,
  type IdempotentEvent,
  type Snapshot,
  type SnapshotStore,
} from '@social-posts/event-sourcing';
import {
  POST_AGGREGATE_TYPE,
  POST_EVENT_SCHEMA_VERSIONS,
  toReadablePostEvent,
  type PostEvent,
  type PostEventEnvelope,
  type PostEventType,
  type ReadablePostEventEnvelope,
  type StoredPostEventEnvelope,
} from '@social-posts/post-events';
import { sealEvent, unsealEvents } from '@social-posts/personal-data';
import { PersonKeys } from '../../personal-data/person-keys';
import { openSnapshot, sealSnapshot } from './sealed-snapshots';
import type { PostCmdEnvironment } from '../../config/post-cmd.environment';
import {
  commentEntity,
  commentEntityOf,
  evolveComment,
  initialCommentState,
  type CommentState,
} from '../domain/comment';
import { evolve, initialPostState, type PostState } from '../domain/post';
import { exclusiveClaimOf } from '../domain/post.rules';
import { POST_STATE_VERSION } from '../domain/post.snapshot';

/**
 * What a post's state needs opened: its author's name and message. Who liked, commented or
 * removed it, `evolve` does not read, so a load looks up one key, not one per liker.
 */
const opensAuthorsWords = (eventType: PostEventType): boolean =>
  eventType === 'PostCreated' || eventType === 'PostMessageEdited';

export interface LoadedPost {
  readonly state: PostState;
  /** Version of the last event replayed; 0 for a post that does not exist. */
  readonly version: number;
  /** Version of the snapshot the load started from; 0 if it replayed the whole stream. */
  readonly snapshotVersion: number;
}

/**
 * Loads posts from their latest snapshot plus the events after it, and stores new events: the
 * repository pattern. A load reads a bounded number of events however long the stream is.
 */
@Injectable()
export class PostRepository {
  private readonly logger = new Logger(PostRepository.name);
  private readonly snapshotEvery: number;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<StoredPostEventEnvelope>,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
    private readonly keys: PersonKeys,
    config: ConfigService<PostCmdEnvironment, true>,
  ) {
    this.snapshotEvery = config.get('SNAPSHOT_EVERY', { infer: true });
  }

  /** The post as of its latest version, or as of `toVersion` (history). */
  async load(postId: string, toVersion?: number): Promise<LoadedPost> {
    const snapshot = await this.usableSnapshot(postId, toVersion);
    const from = snapshot?.version ?? 0;
    const events = await unsealEvents(
      await this.store.readStream(postId, { fromVersion: from + 1, toVersion }),
      this.keys.lookup,
      opensAuthorsWords,
    );
    const state = snapshot ? await openSnapshot(snapshot, this.keys.lookup) : initialPostState;
    return {
      state: replay(evolve, state, events.map(toReadablePostEvent)),
      version: events.at(-1)?.version ?? from,
      snapshotVersion: from,
    };
  }

  /** One comment of the post, from that comment's events alone. */
  async loadComment(postId: string, commentId: string): Promise<CommentState> {
    const events = await this.readable(
      await this.store.readEntity(postId, commentEntity(commentId)),
    );
    return replay(evolveComment, initialCommentState, events.map(toReadablePostEvent));
  }

  /**
   * Appends `event` as the version after `loaded`, and answers the post as it now is; throws
   * VersionConflict if that version is taken, or the broken rule if the event's exclusive claim
   * is. Every SNAPSHOT_EVERY events a snapshot of the new state is saved, so the next load starts
   * from there.
   */
  async append(
    postId: string,
    loaded: LoadedPost,
    event: PostEvent,
    metadata: CommandMetadata,
  ): Promise<LoadedPost> {
    const version = loaded.version + 1;
    const envelope = {
      eventId: randomUUID(),
      eventType: event.type,
      schemaVersion: POST_EVENT_SCHEMA_VERSIONS[event.type],
      aggregateId: postId,
      aggregateType: POST_AGGREGATE_TYPE,
      version,
      occurredAt: metadata.receivedAt,
      data: event.data,
      metadata: {
        correlationId: metadata.correlationId,
        causationId: metadata.commandId,
        ...(metadata.traceparent === undefined ? {} : { traceparent: metadata.traceparent }),
      },
    } as PostEventEnvelope;
    const claim = exclusiveClaimOf(event);
    // The claim is kept under the person's key id: the store names nobody.
    const claimKey =
      claim &&
      `${claim.what}:${claim.whoIsKeyId ? claim.who : (await this.keys.keyFor(claim.who)).keyId}`;
    const actor = metadata.actor === undefined ? undefined : await this.keys.keyFor(metadata.actor);
    try {
      await this.store.append(sealEvent(envelope, actor), {
        claim: claimKey,
        entity: commentEntityOf(event),
        idempotency: metadata.idempotency,
        person: actor?.keyId,
      });
    } catch (error) {
      if (claim && error instanceof ClaimTaken) throw claim.refused();
      throw error;
    }
    const state = evolve(loaded.state, event);
    if (version - loaded.snapshotVersion < this.snapshotEvery) {
      return { state, version, snapshotVersion: loaded.snapshotVersion };
    }
    const saved = await this.saveSnapshot(postId, version, state);
    return { state, version, snapshotVersion: saved ? version : loaded.snapshotVersion };
  }

  /** The event a request with this idempotency key appended, and that request's fingerprint. */
  async findByIdempotencyKey(
    key: string,
  ): Promise<IdempotentEvent<ReadablePostEventEnvelope> | null> {
    const found = await this.store.findByIdempotencyKey(key);
    if (found === null) return null;
    const [event] = await this.readable([found.event]);
    return { ...found, event: event! };
  }

  /** Stored events with their personal data opened (null where the person was erased). */
  private readable(events: readonly StoredPostEventEnvelope[]) {
    return unsealEvents(events, this.keys.lookup);
  }

  /** The latest snapshot, if it has this code's state shape and is not past `toVersion`. */
  private async usableSnapshot(postId: string, toVersion?: number): Promise<Snapshot | null> {
    const snapshot = await this.snapshots.load(postId);
    if (!snapshot || snapshot.stateVersion !== POST_STATE_VERSION) return null;
    if (toVersion !== undefined && snapshot.version > toVersion) return null;
    return snapshot;
  }

  /** A snapshot is an optimisation: failing to save one fails no command. */
  private async saveSnapshot(postId: string, version: number, state: PostState): Promise<boolean> {
    try {
      await this.snapshots.save({
        aggregateId: postId,
        version,
        stateVersion: POST_STATE_VERSION,
        state: await sealSnapshot(state, (author) => this.keys.keyFor(author)),
      });
      return true;
    } catch (error) {
      this.logger.warn(`no snapshot of post ${postId} at version ${version}: ${String(error)}`);
      return false;
    }
  }
}

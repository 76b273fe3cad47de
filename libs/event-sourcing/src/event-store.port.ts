import type { IdempotencyKey } from './idempotency';

/** What the event store needs to know of an event: its stream and its place in it. */
export interface StreamEvent {
  readonly aggregateId: string;
  readonly version: number;
}

/** Which part of a stream to read: versions from `fromVersion` to `toVersion`, both included. */
export interface StreamRange {
  readonly fromVersion?: number;
  readonly toVersion?: number;
}

export interface AppendOptions {
  /**
   * A key the stream may hold at most once ("liked by ada"): the store refuses, with
   * {@link ClaimTaken}, an event whose claim an earlier event of the same stream holds. How a
   * rule over the whole stream is kept without loading the whole stream.
   */
  readonly claim?: string;
  /**
   * A part of the stream the event concerns (one comment of a post): that part's events can
   * be read on their own ({@link EventStore.readEntity}), without loading the stream.
   */
  readonly entity?: string;
  /**
   * The idempotency key of the request that appends the event, stored with it in the same
   * insert: the store refuses, with {@link IdempotencyKeyTaken}, an event whose key an earlier
   * event of any stream holds.
   */
  readonly idempotency?: IdempotencyKey;
  /**
   * Who the event's personal data belongs to (the person who acted, as a key id that names
   * nobody): a person's events can then be found across streams ({@link EventStore.readByPerson}),
   * for their export and their erasure.
   */
  readonly person?: string;
}

/** An event stored with an idempotency key, and the fingerprint of the request that stored it. */
export interface IdempotentEvent<TEvent> {
  readonly event: TEvent;
  readonly request: string;
}

/**
 * The event store, as the write side sees it. Appending is the only write, and the store itself
 * decides concurrency: an event whose (aggregateId, version) is taken is rejected.
 */
export interface EventStore<TEvent extends StreamEvent> {
  /**
   * The stream's events in version order, within `range` when given; empty if unknown. Reads only
   * what the range asks for, so a load from a snapshot costs the same on a long stream.
   * Throws {@link EventStoreUnavailable} when the store fails to answer.
   */
  readStream(aggregateId: string, range?: StreamRange): Promise<TEvent[]>;

  /** The events appended with this `entity` (see AppendOptions), in version order. */
  readEntity(aggregateId: string, entity: string): Promise<TEvent[]>;

  /** The events appended with this `person` (see AppendOptions), by stream and version. */
  readByPerson(person: string): Promise<TEvent[]>;

  /**
   * Stores one event atomically. Its version must be the stream's next one; if another writer
   * stored that version first, this throws {@link VersionConflict} and stores nothing; if its
   * claim is taken, {@link ClaimTaken}; when the store fails to answer, {@link EventStoreUnavailable}.
   */
  append(event: TEvent, options?: AppendOptions): Promise<void>;

  /** The event appended with this idempotency key (`IdempotencyKey.key`), if any. */
  findByIdempotencyKey(key: string): Promise<IdempotentEvent<TEvent> | null>;
}

export const EVENT_STORE = Symbol('EventStore');

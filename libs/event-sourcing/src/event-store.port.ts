/** What the event store needs to know of an event: its stream and its place in it. */
export interface StreamEvent {
  readonly aggregateId: string;
  readonly version: number;
}

/**
 * The event store, as the write side sees it. Appending is the only write, and the store itself
 * decides concurrency: an event whose (aggregateId, version) is taken is rejected.
 */
export interface EventStore<TEvent extends StreamEvent> {
  /**
   * The stream's events in version order, up to `toVersion` when given; empty if unknown.
   * Throws {@link EventStoreUnavailable} when the store fails to answer.
   */
  readStream(aggregateId: string, options?: { toVersion?: number }): Promise<TEvent[]>;

  /**
   * Stores one event atomically. Its version must be the stream's next one; if another writer
   * stored that version first, this throws {@link VersionConflict} and stores nothing; when the
   * store fails to answer, {@link EventStoreUnavailable}.
   */
  append(event: TEvent): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');

import type { StoredPostEventEnvelope } from '@social-posts/post-events';

/** What the outbox holds: events not yet published, and when the oldest of them was stored. */
export interface OutboxBacklog {
  readonly events: number;
  readonly oldestRecordedAt: Date | null;
}

/**
 * Stored events waiting to be published, spread over slots by post (all of a post's events in
 * one slot, so that one read gets them in order): what the relay reads and marks.
 */
export interface Outbox {
  readonly slots: number;
  /** The unpublished events of one slot, each post's in version order. */
  findUnpublished(slot: number): Promise<StoredPostEventEnvelope[]>;
  markPublished(events: readonly StoredPostEventEnvelope[]): Promise<void>;
  backlog(): Promise<OutboxBacklog>;
  /** Called with each event stored by this process, and its slot: the relay need not wait. */
  onPending(listener: (pending: PendingEvent) => void): void;
}

/** An event this process just stored, and the outbox slot it waits in. */
export interface PendingEvent {
  readonly event: StoredPostEventEnvelope;
  readonly slot: number;
}

export const OUTBOX = Symbol('Outbox');

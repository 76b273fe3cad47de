import { Injectable } from '@nestjs/common';
import type { StoredPostEventEnvelope } from '@social-posts/post-events';
import type { Collection } from 'mongodb';
import {
  OUTBOX_SLOTS,
  PUBLISHING_READS,
  outboxSlotOf,
  toEnvelope,
  type EventDocument,
  eventDocumentsIn,
} from '../event-store/event-document';
import { MongoConnection } from '../event-store/mongo-connection';
import { MongoEventStore } from '../event-store/mongo-event-store';
import type { Outbox, OutboxBacklog, PendingEvent } from './outbox.port';

/**
 * The outbox in the event store's own documents: an event waits in its post's `outbox` slot
 * (event-document.ts) until it is marked published, and every read is an equality on that slot.
 */
@Injectable()
export class MongoOutbox implements Outbox {
  readonly slots = OUTBOX_SLOTS;
  private readonly events: Collection<EventDocument>;

  constructor(
    connection: MongoConnection,
    private readonly store: MongoEventStore,
  ) {
    this.events = eventDocumentsIn(connection.db);
  }

  async findUnpublished(outboxSlot: number): Promise<StoredPostEventEnvelope[]> {
    const documents = await this.events
      .find({ outbox: outboxSlot }, PUBLISHING_READS)
      .sort({ aggregateId: 1, version: 1 })
      .toArray();
    return documents.map(toEnvelope);
  }

  /**
   * Events the relay has yet to publish, and when the oldest of them was stored: slot by slot,
   * each read only that slot's events, and only their `recordedAt`. One pass: FerretDB decodes
   * every matched document whether it counts them or returns them, so a count and a sorted
   * find apart cost more (bench/outbox-backlog.bench.ts at 100,000 waiting: 34.8 s apart, 24.2 s
   * in one pass, 16.5 s for the count alone; bench/README.md).
   */
  async backlog(): Promise<OutboxBacklog> {
    let events = 0;
    let oldestRecordedAt: Date | null = null;
    for (let slot = 0; slot < OUTBOX_SLOTS; slot++) {
      const waiting = this.events.find({ outbox: slot }, { projection: { _id: 0, recordedAt: 1 } });
      for await (const { recordedAt } of waiting) {
        events++;
        if (oldestRecordedAt === null || recordedAt < oldestRecordedAt)
          oldestRecordedAt = recordedAt;
      }
    }
    return { events, oldestRecordedAt };
  }

  /**
   * Marks events published: one update per outbox slot they wait in, found by the slot (only
   * its unpublished events) and the events' ids, the slots' updates at once. Not one update per
   * event in a bulk: FerretDB 1.24 holds each statement's query, and its PostgreSQL connection,
   * open until the whole command ends, so a bulk of 50 updates takes its whole pool and never
   * finishes (docs/local-stack.md).
   */
  async markPublished(events: readonly StoredPostEventEnvelope[]): Promise<void> {
    const idsBySlot = new Map<number, string[]>();
    for (const { aggregateId, eventId } of events) {
      const slot = outboxSlotOf(aggregateId);
      const ids = idsBySlot.get(slot) ?? [];
      ids.push(eventId);
      idsBySlot.set(slot, ids);
    }
    await Promise.all(
      [...idsBySlot].map(([outboxSlot, ids]) =>
        this.events.updateMany(
          { outbox: outboxSlot, _id: { $in: ids } },
          { $unset: { outbox: '' }, $set: { publishedAt: new Date() } },
        ),
      ),
    );
  }

  onPending(listener: (pending: PendingEvent) => void): void {
    this.store.onAppended((event) => listener({ event, slot: outboxSlotOf(event.aggregateId) }));
  }
}

import { Injectable } from '@nestjs/common';
import type { StoredPostEventEnvelope } from '@social-posts/post-events';
import type { Collection } from 'mongodb';
import {
  PUBLISHING_READS,
  BUCKETS,
  bucketOf,
  toEnvelope,
  type EventDocument,
  eventDocumentsIn,
} from './event-document';
import type { EventHistory, StreamPosition } from './event-history.port';
import { MongoConnection } from './mongo-connection';
import { MongoEventStore } from './mongo-event-store';

/** Buckets a republish reads ahead of the one it hands out. */
const BUCKETS_READ_AHEAD = 2;

/** Whether `event` comes after `position` in the republish order (same bucket assumed). */
const isAfter = (event: StreamPosition, position: StreamPosition): boolean =>
  event.aggregateId > position.aggregateId ||
  (event.aggregateId === position.aggregateId && event.version > position.version);

/** The whole store, or one post's stream, read in order for a republish. */
@Injectable()
export class MongoEventHistory implements EventHistory {
  private readonly events: Collection<EventDocument>;

  constructor(
    connection: MongoConnection,
    private readonly store: MongoEventStore,
  ) {
    this.events = eventDocumentsIn(connection.db);
  }

  /**
   * The stored events, of one post or of all, after `after`, in chunks. All: bucket by bucket,
   * each post's events in version order, so memory holds one bucket however big the store,
   * and the first chunk is ready after one bucket's read. One post: a chunk of its stream at a
   * time.
   */
  async *readInOrder(
    scope: { aggregateId: string | null; after: StreamPosition | null },
    chunkSize: number,
  ): AsyncGenerator<StoredPostEventEnvelope[]> {
    const { aggregateId, after } = scope;
    let chunk: StoredPostEventEnvelope[] = [];
    const take = function* (events: Iterable<StoredPostEventEnvelope>) {
      for (const event of events) {
        chunk.push(event);
        if (chunk.length === chunkSize) {
          yield chunk;
          chunk = [];
        }
      }
    };
    if (aggregateId !== null) {
      for (let fromVersion = (after?.version ?? 0) + 1; ; fromVersion += chunkSize) {
        const toVersion = fromVersion + chunkSize - 1;
        const events = await this.store.readStream(aggregateId, { fromVersion, toVersion });
        yield* take(events);
        if (events.length < chunkSize) break;
      }
    } else {
      const first = after ? bucketOf(after.aggregateId) : 0;
      const reads: Promise<EventDocument[]>[] = [];
      let unread = first;
      // Buckets are read ahead while this one is handed out, several at once: FerretDB decodes
      // each read on one core, so two in flight use both. Memory holds BUCKETS_READ_AHEAD + 1
      // buckets at most.
      const readAhead = () => {
        while (reads.length < BUCKETS_READ_AHEAD && unread < BUCKETS) {
          const read = this.events
            .find({ bucket: unread++ }, PUBLISHING_READS)
            .sort({ aggregateId: 1, version: 1 })
            .toArray();
          // Handled now, awaited in turn: a read failing while an earlier bucket is handed out
          // must not be an unhandled rejection.
          read.catch(() => undefined);
          reads.push(read);
        }
      };
      readAhead();
      try {
        for (let bucket = first; bucket < BUCKETS; bucket++) {
          const events = (await reads.shift()!).map(toEnvelope);
          readAhead();
          yield* take(after && bucket === first ? events.filter((e) => isAfter(e, after)) : events);
        }
      } finally {
        // A reader stopped early leaves reads in flight: settle them, their results are not needed.
        await Promise.allSettled(reads);
      }
    }
    if (chunk.length > 0) yield chunk;
  }
}

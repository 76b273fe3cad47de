import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ClaimTaken,
  EventStoreUnavailable,
  IdempotencyKeyTaken,
  type IdempotentEvent,
  VersionConflict,
  type AppendOptions,
  type EventStore,
  type StreamRange,
} from '@social-posts/event-sourcing';
import type { PostEventEnvelope } from '@social-posts/post-events';
import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from './duplicate-key';
import {
  BUCKETS,
  OUTBOX_SLOTS,
  STREAM_PAGE_SIZE,
  bucketOf,
  streamKeyOf,
  outboxSlotOf,
  streamPageNumber,
  streamPageOf,
  toEnvelope,
  toEventDocument,
  type EventDocument,
} from './event-document';
import { upgradeLegacyEventDocuments } from './legacy-event-documents';
import { MongoConnection } from './mongo-connection';

/** A position in the order a republish reads the store: (bucket, aggregateId, version). */
export interface StreamPosition {
  readonly aggregateId: string;
  readonly version: number;
}

/**
 * A republish in progress, saved after every chunk so that a restarted relay resumes it: the
 * events of one post (`aggregateId`) or of all, after `after` in the republish order.
 */
/** What the outbox holds: events not yet published, and when the oldest of them was stored. */
export interface OutboxBacklog {
  readonly events: number;
  readonly oldestRecordedAt: Date | null;
}

export interface RepublishJob {
  readonly aggregateId: string | null;
  readonly published: number;
  readonly after: StreamPosition | null;
  readonly done: boolean;
}

interface RepublishJobDocument extends RepublishJob {
  readonly _id: 'current';
}

/** Buckets a republish reads ahead of the one it hands out. */
const BUCKETS_READ_AHEAD = 2;

/** Whether `event` comes after `position` in the republish order (same bucket assumed). */
const isAfter = (event: StreamPosition, position: StreamPosition): boolean =>
  event.aggregateId > position.aggregateId ||
  (event.aggregateId === position.aggregateId && event.version > position.version);

/**
 * The event store in MongoDB: one document per event (event-document.ts says where each sits).
 * The unique index on (aggregateId, version) is what settles races between writers, and only
 * inserts, equality finds and updates of the publishing state are used, so it runs on MongoDB
 * and FerretDB alike. The store is also the outbox: an event's `outbox` slot is set until the
 * relay has published it.
 */
@Injectable()
export class MongoEventStore implements EventStore<PostEventEnvelope>, OnModuleInit {
  private readonly events: Collection<EventDocument>;
  private readonly republishJobs: Collection<RepublishJobDocument>;
  private readonly pendingListeners = new Set<(outboxSlot: number) => void>();

  constructor(private readonly connection: MongoConnection) {
    this.events = connection.db.collection<EventDocument>('events');
    this.republishJobs = connection.db.collection<RepublishJobDocument>('republish_jobs');
  }

  /**
   * Each index leads with the field its queries match by equality; on FerretDB, the local
   * stack's PostgreSQL gives each a GIN twin that serves that equality (docs/local-stack.md).
   * One index per call: FerretDB 1.24 panics on a `createIndexes` of several indexes that all
   * exist already, which is every restart. Creating an existing index is a no-op everywhere.
   */
  onModuleInit(): Promise<void> {
    return this.connection.withoutAnswerBound((db) => MongoEventStore.prepare(db));
  }

  /** Upgrades stored documents and creates the indexes: schema work, without the answer bound. */
  private static async prepare(db: Db): Promise<void> {
    const events = db.collection<EventDocument>('events');
    await upgradeLegacyEventDocuments(db, events);
    await events.createIndex(
      { aggregateId: 1, version: 1 },
      { name: 'stream_version', unique: true },
    );
    await events.createIndex({ streamPage: 1, version: 1 }, { name: 'stream_page' });
    await events.createIndex({ bucket: 1, aggregateId: 1, version: 1 }, { name: 'bucket' });
    await events.createIndex({ outbox: 1, aggregateId: 1, version: 1 }, { name: 'outbox_slot' });
    // Sparse: only events that claim something are in it (FerretDB ignores the option, and
    // PostgreSQL's unique indexes let documents without the field coexist anyway).
    await events.createIndex({ claim: 1 }, { name: 'claim', unique: true, sparse: true });
    await events.createIndex({ entity: 1, version: 1 }, { name: 'entity', sparse: true });
    await events.createIndex(
      { idempotencyKey: 1 },
      { name: 'idempotency_key', unique: true, sparse: true },
    );
  }

  /** Page by page from the range's first version: one indexed equality per page. */
  async readStream(aggregateId: string, range: StreamRange = {}): Promise<PostEventEnvelope[]> {
    const { fromVersion = 1, toVersion = Number.MAX_SAFE_INTEGER } = range;
    const events: PostEventEnvelope[] = [];
    try {
      const lastPage = streamPageNumber(toVersion);
      for (let page = streamPageNumber(fromVersion); page <= lastPage; page++) {
        const documents = await this.events
          .find({ streamPage: streamPageOf(aggregateId, page) })
          .sort({ version: 1 })
          .toArray();
        for (const document of documents) {
          if (document.version >= fromVersion && document.version <= toVersion) {
            events.push(toEnvelope(document));
          }
        }
        if (documents.length < STREAM_PAGE_SIZE) break;
      }
    } catch (error) {
      throw new EventStoreUnavailable(error);
    }
    return events;
  }

  /** One indexed equality: a comment's few events, however long its post's stream. */
  async readEntity(aggregateId: string, entity: string): Promise<PostEventEnvelope[]> {
    try {
      const documents = await this.events
        .find({ entity: streamKeyOf(aggregateId, entity) })
        .sort({ version: 1 })
        .toArray();
      return documents.map(toEnvelope);
    } catch (error) {
      throw new EventStoreUnavailable(error);
    }
  }

  /** One event is one document: a single insert is atomic on every MongoDB-compatible server. */
  async append(event: PostEventEnvelope, options: AppendOptions = {}): Promise<void> {
    try {
      await this.events.insertOne(toEventDocument(event, options));
    } catch (error) {
      if (!isDuplicateKey(error)) throw new EventStoreUnavailable(error);
      // FerretDB's duplicate-key error does not name the index: look at the keys themselves.
      if (
        options.idempotency !== undefined &&
        (await this.findByIdempotencyKey(options.idempotency.key)) !== null
      ) {
        throw new IdempotencyKeyTaken(options.idempotency.key);
      }
      if (options.claim !== undefined && (await this.claimHeld(event, options.claim))) {
        throw new ClaimTaken(event.aggregateId, options.claim);
      }
      throw new VersionConflict(event.aggregateId, event.version - 1);
    }
    this.notifyPending(outboxSlotOf(event.aggregateId));
  }

  /** One indexed equality, across all streams: a key is unique in the store. */
  async findByIdempotencyKey(key: string): Promise<IdempotentEvent<PostEventEnvelope> | null> {
    try {
      const document = await this.events.findOne({ idempotencyKey: key });
      return document === null
        ? null
        : { event: toEnvelope(document), request: document.idempotencyRequest ?? '' };
    } catch (error) {
      throw new EventStoreUnavailable(error);
    }
  }

  private async claimHeld(event: PostEventEnvelope, claim: string): Promise<boolean> {
    try {
      const holder = await this.events.findOne(
        { claim: streamKeyOf(event.aggregateId, claim) },
        { projection: { _id: 1 } },
      );
      return holder !== null;
    } catch (error) {
      throw new EventStoreUnavailable(error);
    }
  }

  /** Called with the outbox slot of each new event: the relay uses it to publish at once. */
  onPendingEvents(listener: (outboxSlot: number) => void): void {
    this.pendingListeners.add(listener);
  }

  private notifyPending(outboxSlot: number): void {
    for (const listener of this.pendingListeners) listener(outboxSlot);
  }

  /** The unpublished events of one outbox slot, each post's in version order. */
  async findUnpublished(outboxSlot: number): Promise<PostEventEnvelope[]> {
    const documents = await this.events
      .find({ outbox: outboxSlot })
      .sort({ aggregateId: 1, version: 1 })
      .toArray();
    return documents.map(toEnvelope);
  }

  /**
   * Events the relay has yet to publish, and when the oldest of them was stored: a count per
   * slot, each reading only that slot, and the oldest looked up only in slots that hold some.
   */
  async outboxBacklog(): Promise<OutboxBacklog> {
    let events = 0;
    let oldestRecordedAt: Date | null = null;
    for (let slot = 0; slot < OUTBOX_SLOTS; slot++) {
      const count = await this.events.countDocuments({ outbox: slot });
      if (count === 0) continue;
      events += count;
      const [oldest] = await this.events
        .find({ outbox: slot }, { projection: { recordedAt: 1 } })
        .sort({ recordedAt: 1 })
        .limit(1)
        .toArray();
      if (oldest && (oldestRecordedAt === null || oldest.recordedAt < oldestRecordedAt)) {
        oldestRecordedAt = oldest.recordedAt;
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
  async markPublished(events: readonly PostEventEnvelope[]): Promise<void> {
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

  /**
   * The stored events, of one post or of all, after `after`, in chunks. All: bucket by bucket,
   * each post's events in version order, so memory holds one bucket however big the store,
   * and the first chunk is ready after one bucket's read. One post: a chunk of its stream at a
   * time.
   */
  async *readInOrder(
    scope: { aggregateId: string | null; after: StreamPosition | null },
    chunkSize: number,
  ): AsyncGenerator<PostEventEnvelope[]> {
    const { aggregateId, after } = scope;
    let chunk: PostEventEnvelope[] = [];
    const take = function* (events: Iterable<PostEventEnvelope>) {
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
        const events = await this.readStream(aggregateId, { fromVersion, toVersion });
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
            .find({ bucket: unread++ })
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

  async loadRepublishJob(): Promise<RepublishJob | null> {
    const document = await this.republishJobs.findOne({ _id: 'current' });
    if (!document) return null;
    const { _id, ...job } = document;
    return job;
  }

  async saveRepublishJob(job: RepublishJob): Promise<void> {
    await this.republishJobs.replaceOne({ _id: 'current' }, job, { upsert: true });
  }
}

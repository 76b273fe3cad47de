import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  EventStoreUnavailable,
  VersionConflict,
  type EventStore,
} from '@social-posts/event-sourcing';
import type { EventMetadata, PostEventEnvelope } from '@social-posts/post-events';
import { MongoServerError, type Collection } from 'mongodb';
import { MongoConnection } from './mongo-connection';

/** One stored event: the envelope's fields, plus when it was stored and its publishing state. */
export interface EventDocument {
  readonly _id: string;
  readonly eventType: string;
  readonly schemaVersion: number;
  readonly aggregateId: string;
  readonly aggregateType: string;
  readonly version: number;
  readonly occurredAt: Date;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
  readonly published: boolean;
  readonly publishedAt: Date | null;
}

/** A position in the store's (aggregateId, version) order. */
export interface StreamPosition {
  readonly aggregateId: string;
  readonly version: number;
}

/**
 * A republish in progress, saved after every chunk so that a restarted relay resumes it: the
 * events of one post (`aggregateId`) or of all, in (aggregateId, version) order, after `after`.
 */
export interface RepublishJob {
  readonly aggregateId: string | null;
  readonly published: number;
  readonly after: StreamPosition | null;
  readonly done: boolean;
}

interface RepublishJobDocument extends RepublishJob {
  readonly _id: 'current';
}

const DUPLICATE_KEY = 11000;

/** The document an event is stored as, waiting for the relay to publish it. */
export const toEventDocument = (event: PostEventEnvelope): EventDocument => ({
  _id: event.eventId,
  eventType: event.eventType,
  schemaVersion: event.schemaVersion,
  aggregateId: event.aggregateId,
  aggregateType: event.aggregateType,
  version: event.version,
  occurredAt: new Date(event.occurredAt),
  data: event.data,
  metadata: event.metadata,
  recordedAt: new Date(),
  published: false,
  publishedAt: null,
});

const toEnvelope = ({ _id, occurredAt, ...rest }: EventDocument): PostEventEnvelope =>
  ({
    eventId: _id,
    eventType: rest.eventType,
    schemaVersion: rest.schemaVersion,
    aggregateId: rest.aggregateId,
    aggregateType: rest.aggregateType,
    version: rest.version,
    occurredAt: occurredAt.toISOString(),
    data: rest.data,
    metadata: rest.metadata,
  }) as PostEventEnvelope;

/**
 * The event store in MongoDB: one document per event. The unique index on
 * (aggregateId, version) is what settles races between writers, and only plain inserts, finds
 * and updates of the publishing state are used, so it runs on MongoDB and FerretDB alike.
 * The store is also the outbox: `published` is what the relay has yet to send to Kafka.
 * A republish reads the store in order instead, and records only how far it got.
 */
@Injectable()
export class MongoEventStore implements EventStore<PostEventEnvelope>, OnModuleInit {
  private readonly events: Collection<EventDocument>;
  private readonly republishJobs: Collection<RepublishJobDocument>;
  private readonly pendingListeners = new Set<() => void>();

  constructor(connection: MongoConnection) {
    this.events = connection.db.collection<EventDocument>('events');
    this.republishJobs = connection.db.collection<RepublishJobDocument>('republish_jobs');
  }

  /**
   * One index per call: FerretDB 1.24 panics on a `createIndexes` of several indexes that all
   * exist already, which is every restart. Creating an existing index is a no-op everywhere.
   */
  async onModuleInit(): Promise<void> {
    await this.events.createIndex(
      { aggregateId: 1, version: 1 },
      { name: 'stream_version', unique: true },
    );
    await this.events.createIndex({ published: 1, aggregateId: 1, version: 1 }, { name: 'outbox' });
  }

  async readStream(
    aggregateId: string,
    options: { toVersion?: number } = {},
  ): Promise<PostEventEnvelope[]> {
    const version = options.toVersion === undefined ? {} : { version: { $lte: options.toVersion } };
    try {
      const documents = await this.events
        .find({ aggregateId, ...version })
        .sort({ version: 1 })
        .toArray();
      return documents.map(toEnvelope);
    } catch (error) {
      throw new EventStoreUnavailable(error);
    }
  }

  /** One event is one document: a single insert is atomic on every MongoDB-compatible server. */
  async append(event: PostEventEnvelope): Promise<void> {
    try {
      await this.events.insertOne(toEventDocument(event));
    } catch (error) {
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
        throw new VersionConflict(event.aggregateId, event.version - 1);
      }
      throw new EventStoreUnavailable(error);
    }
    this.notifyPending();
  }

  /** Called whenever there is something new to publish: the relay uses it to publish at once. */
  onPendingEvents(listener: () => void): void {
    this.pendingListeners.add(listener);
  }

  private notifyPending(): void {
    for (const listener of this.pendingListeners) listener();
  }

  /** Unpublished events, each post's in version order, so a post's oldest go first. */
  async findUnpublished(limit: number): Promise<PostEventEnvelope[]> {
    const documents = await this.events
      .find({ published: false })
      .sort({ aggregateId: 1, version: 1 })
      .limit(limit)
      .toArray();
    return documents.map(toEnvelope);
  }

  /**
   * The stored events in (aggregateId, version) order, after `after`, of one post or all,
   * in chunks through a single cursor: one query however many events (on FerretDB each query
   * scans the whole collection, so a query per chunk would make a republish quadratic).
   */
  async *readInOrder(
    scope: { aggregateId: string | null; after: StreamPosition | null },
    chunkSize: number,
  ): AsyncGenerator<PostEventEnvelope[]> {
    const { aggregateId, after } = scope;
    const filter =
      aggregateId !== null
        ? { aggregateId, ...(after ? { version: { $gt: after.version } } : {}) }
        : after
          ? {
              $or: [
                { aggregateId: { $gt: after.aggregateId } },
                { aggregateId: after.aggregateId, version: { $gt: after.version } },
              ],
            }
          : {};
    const cursor = this.events
      .find(filter)
      .sort({ aggregateId: 1, version: 1 })
      .batchSize(chunkSize);
    try {
      let chunk: PostEventEnvelope[] = [];
      for await (const document of cursor) {
        chunk.push(toEnvelope(document));
        if (chunk.length === chunkSize) {
          yield chunk;
          chunk = [];
        }
      }
      if (chunk.length > 0) yield chunk;
    } finally {
      await cursor.close();
    }
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

  /**
   * Events the relay has yet to publish. Deliberately no count of all events: FerretDB counts
   * by reading every document, which would cost a republish as much again as its own read.
   */
  countUnpublished(): Promise<number> {
    return this.events.countDocuments({ published: false });
  }

  /**
   * Marks a batch from `findUnpublished` published: for each post, the range of its versions in
   * the batch, which holds all of that post's unpublished events in the range (they came sorted).
   * One update for the whole batch, by ranges rather than `_id: {$in: [...]}`: FerretDB answers
   * every query with a scan of the collection, and matches `$in` id by id (seconds a batch).
   */
  async markPublished(events: readonly PostEventEnvelope[]): Promise<void> {
    const ranges = new Map<string, { from: number; to: number }>();
    for (const { aggregateId, version } of events) {
      const range = ranges.get(aggregateId);
      ranges.set(aggregateId, {
        from: Math.min(range?.from ?? version, version),
        to: Math.max(range?.to ?? version, version),
      });
    }
    if (ranges.size === 0) return;
    await this.events.updateMany(
      {
        published: false,
        $or: [...ranges].map(([aggregateId, { from, to }]) => ({
          aggregateId,
          version: { $gte: from, $lte: to },
        })),
      },
      { $set: { published: true, publishedAt: new Date() } },
    );
  }
}

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
interface EventDocument {
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

const DUPLICATE_KEY = 11000;

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
 */
@Injectable()
export class MongoEventStore implements EventStore<PostEventEnvelope>, OnModuleInit {
  private readonly events: Collection<EventDocument>;
  private readonly pendingListeners = new Set<() => void>();

  constructor(connection: MongoConnection) {
    this.events = connection.db.collection<EventDocument>('events');
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
      await this.events.insertOne({
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
   * Marks the stored events unpublished — all of them, or one post's — so that the relay
   * publishes them again, each post in version order: how a read side is rebuilt or repaired.
   * Resolves to the number of events marked.
   */
  async markUnpublished(aggregateId?: string): Promise<number> {
    const { matchedCount } = await this.events.updateMany(
      aggregateId === undefined ? {} : { aggregateId },
      {
        $set: { published: false, publishedAt: null },
      },
    );
    this.notifyPending();
    return matchedCount;
  }

  async countEvents(): Promise<{ total: number; unpublished: number }> {
    const [total, unpublished] = await Promise.all([
      this.events.countDocuments(),
      this.events.countDocuments({ published: false }),
    ]);
    return { total, unpublished };
  }

  async markPublished(eventIds: readonly string[]): Promise<void> {
    await this.events.updateMany(
      { _id: { $in: [...eventIds] } },
      { $set: { published: true, publishedAt: new Date() } },
    );
  }
}

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
import type { StoredPostEventEnvelope } from '@social-posts/post-events';
import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from './duplicate-key';
import {
  STREAM_PAGE_SIZE,
  streamKeyOf,
  streamPageNumber,
  streamPageOf,
  toEnvelope,
  toEventDocument,
  type EventDocument,
  eventDocumentsIn,
} from './event-document';
import { GroupedInserts } from './grouped-inserts';
import { upgradeLegacyEventDocuments } from './legacy-event-documents';
import { MongoConnection } from './mongo-connection';

/** Appends written in one insertMany at most: a group's round trip stays short. */
const MAX_GROUPED_APPENDS = 256;

/**
 * The event store in MongoDB: one document per event (event-document.ts says where each sits).
 * The unique index on (aggregateId, version) is what settles races between writers, and only
 * inserts, equality finds and updates of the publishing state are used, so it runs on MongoDB
 * and FerretDB alike. The same documents are the outbox (MongoOutbox: an event's `outbox` slot
 * is set until the relay has published it) and the history a republish reads
 * (MongoEventHistory); this class creates the indexes all three read by.
 */
@Injectable()
export class MongoEventStore implements EventStore<StoredPostEventEnvelope>, OnModuleInit {
  private readonly events: Collection<EventDocument>;
  private readonly inserts: GroupedInserts<EventDocument>;
  private readonly appendListeners = new Set<(event: StoredPostEventEnvelope) => void>();

  constructor(private readonly connection: MongoConnection) {
    this.events = eventDocumentsIn(connection.db);
    this.inserts = new GroupedInserts(this.events, MAX_GROUPED_APPENDS);
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
    const events = eventDocumentsIn(db);
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
    await events.createIndex({ person: 1 }, { name: 'person', sparse: true });
  }

  /** Page by page from the range's first version: one indexed equality per page. */
  async readStream(
    aggregateId: string,
    range: StreamRange = {},
  ): Promise<StoredPostEventEnvelope[]> {
    const { fromVersion = 1, toVersion = Number.MAX_SAFE_INTEGER } = range;
    const events: StoredPostEventEnvelope[] = [];
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
  async readEntity(aggregateId: string, entity: string): Promise<StoredPostEventEnvelope[]> {
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

  /** One indexed equality, across all streams: everything a person's key sealed. */
  async readByPerson(person: string): Promise<StoredPostEventEnvelope[]> {
    try {
      const documents = await this.events
        .find({ person })
        .sort({ aggregateId: 1, version: 1 })
        .toArray();
      return documents.map(toEnvelope);
    } catch (error) {
      throw new EventStoreUnavailable(error);
    }
  }

  /**
   * One event is one document: a single insert is atomic on every MongoDB-compatible server.
   * Appends made at the same time share one insertMany (GroupedInserts), each with its own
   * outcome, as if it had been written alone.
   */
  async append(event: StoredPostEventEnvelope, options: AppendOptions = {}): Promise<void> {
    try {
      await this.inserts.insert(toEventDocument(event, options));
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
    for (const listener of this.appendListeners) listener(event);
  }

  /** One indexed equality, across all streams: a key is unique in the store. */
  async findByIdempotencyKey(
    key: string,
  ): Promise<IdempotentEvent<StoredPostEventEnvelope> | null> {
    try {
      const document = await this.events.findOne({ idempotencyKey: key });
      return document === null
        ? null
        : { event: toEnvelope(document), request: document.idempotencyRequest ?? '' };
    } catch (error) {
      throw new EventStoreUnavailable(error);
    }
  }

  private async claimHeld(event: StoredPostEventEnvelope, claim: string): Promise<boolean> {
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

  /** Called with each event appended (in this process): the outbox wakes its relay with it. */
  onAppended(listener: (event: StoredPostEventEnvelope) => void): void {
    this.appendListeners.add(listener);
  }
}

import type { AppendOptions } from '@social-posts/event-sourcing';
import type { Collection, Db } from 'mongodb';
import {
  readsSchemaVersion,
  upcastPostEvent,
  type EventMetadata,
  type PostEventType,
  type SealedPostEventEnvelope,
  type StoredPostEventEnvelope,
} from '@social-posts/post-events';

/**
 * How events are laid out in the store, so that every read on the command path, the relay's
 * path and a republish is an equality on one indexed field that matches only what it returns.
 * Equality because that is all FerretDB 1.24 hands to PostgreSQL: ranges, `$in`, `$or`, sorts
 * and limits it applies in Go after decoding every document the equalities matched
 * (docs/04-repository-and-event-store.md).
 *
 * These numbers are part of the stored format: changing one means rewriting every document.
 */

/** Events per stream page: a load reads the pages after its snapshot, not the whole stream. */
export const STREAM_PAGE_SIZE = 50;
/** Posts are spread over this many buckets; a republish reads the store one bucket at a time. */
export const BUCKETS = 1024;
/** Unpublished events wait in one of this many outbox slots, by post: one relay read each. */
export const OUTBOX_SLOTS = 64;

/**
 * How publishing reads the store: only what a majority of a replica set's members hold. An event
 * a failover could still roll back must not reach the bus, or the bus would carry an event the
 * store no longer has (docs/10-scaling-out.md). On a single server this is every write.
 */
export const PUBLISHING_READS = { readConcern: { level: 'majority' } } as const;

/** The collection of the event documents: the store, the outbox and the republish's history. */
export const eventDocumentsIn = (db: Db): Collection<EventDocument> =>
  db.collection<EventDocument>('events');

/** One stored event: the envelope's fields, plus where it sits and its publishing state. */
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
  /** `sealed`: the personal fields of `data` are sealed texts. Absent on events stored before. */
  readonly personalData?: 'sealed';
  readonly recordedAt: Date;
  /** `<aggregateId>:<page>`: the page of its stream the event is in. */
  readonly streamPage: string;
  /** The post's bucket, 0 to BUCKETS - 1. */
  readonly bucket: number;
  /** The post's outbox slot while the event is unpublished; absent once published. */
  readonly outbox?: number;
  readonly publishedAt: Date | null;
  /** `<aggregateId>:<claim>`, unique in the store, for events that hold an exclusive claim. */
  readonly claim?: string;
  /** The idempotency key of the request that appended it, unique in the store (if it had one). */
  readonly idempotencyKey?: string;
  /** Fingerprint of that request: the same key with another request is refused. */
  readonly idempotencyRequest?: string;
  /** `<aggregateId>:<entity>`, for events of a part of the stream read on its own (a comment). */
  readonly entity?: string;
  /** The key id of the person whose data it holds (AppendOptions.person): their export, erasure. */
  readonly person?: string;
}

export const streamPageNumber = (version: number): number =>
  Math.floor((version - 1) / STREAM_PAGE_SIZE);

export const streamPageOf = (aggregateId: string, page: number): string => `${aggregateId}:${page}`;

/** FNV-1a of the post id: a stable spread of posts over buckets, the same in every process. */
export function bucketOf(aggregateId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < aggregateId.length; index++) {
    hash = Math.imul(hash ^ aggregateId.charCodeAt(index), 0x01000193);
  }
  return (hash >>> 0) % BUCKETS;
}

/** All of a post's unpublished events share a slot, so one read gets them in order. */
export const outboxSlotOf = (aggregateId: string): number => bucketOf(aggregateId) % OUTBOX_SLOTS;

/** A claim or an entity of a stream, as a key unique in the store. */
export const streamKeyOf = (aggregateId: string, key: string): string => `${aggregateId}:${key}`;

/** The document an event is stored as, waiting in its outbox slot for the relay to publish it. */
export const toEventDocument = (
  event: StoredPostEventEnvelope,
  { claim, entity, idempotency, person }: AppendOptions = {},
): EventDocument => ({
  _id: event.eventId,
  eventType: event.eventType,
  schemaVersion: event.schemaVersion,
  aggregateId: event.aggregateId,
  aggregateType: event.aggregateType,
  version: event.version,
  occurredAt: new Date(event.occurredAt),
  data: event.data,
  metadata: event.metadata,
  ...('personalData' in event ? { personalData: event.personalData } : {}),
  recordedAt: new Date(),
  streamPage: streamPageOf(event.aggregateId, streamPageNumber(event.version)),
  bucket: bucketOf(event.aggregateId),
  outbox: outboxSlotOf(event.aggregateId),
  publishedAt: null,
  ...(claim === undefined ? {} : { claim: streamKeyOf(event.aggregateId, claim) }),
  ...(entity === undefined ? {} : { entity: streamKeyOf(event.aggregateId, entity) }),
  ...(idempotency === undefined
    ? {}
    : { idempotencyKey: idempotency.key, idempotencyRequest: idempotency.request }),
  ...(person === undefined ? {} : { person }),
});

/** What an event document holds of the envelope (every format of the store has these). */
export type StoredEnvelope = Pick<
  EventDocument,
  | '_id'
  | 'eventType'
  | 'schemaVersion'
  | 'aggregateId'
  | 'aggregateType'
  | 'version'
  | 'occurredAt'
  | 'data'
  | 'metadata'
  | 'personalData'
  | 'person'
>;

/**
 * The stored event as this code reads it: at its type's current schema version, upcast if it was
 * stored at an earlier one (the document itself is never rewritten). A later version than this
 * code knows was written by newer code; reading it as the current one would misread it.
 */
export function toEnvelope(document: StoredEnvelope): StoredPostEventEnvelope {
  const eventType = document.eventType as PostEventType;
  if (!readsSchemaVersion(eventType, document.schemaVersion)) {
    throw new Error(
      `event ${document._id} is ${document.eventType} version ${document.schemaVersion}, ` +
        'which this code does not read',
    );
  }
  const envelope = {
    eventId: document._id,
    eventType,
    schemaVersion: document.schemaVersion,
    aggregateId: document.aggregateId,
    aggregateType: document.aggregateType,
    version: document.version,
    occurredAt: document.occurredAt.toISOString(),
    data: document.data,
    metadata: document.metadata,
    ...(document.person === undefined ? {} : { person: document.person }),
  };
  // Sealed events are written at the current schema version: a later one upcasts them once
  // they are opened (an upcaster reads the words).
  return document.personalData === 'sealed'
    ? ({ ...envelope, personalData: 'sealed' } as SealedPostEventEnvelope)
    : upcastPostEvent(envelope);
}

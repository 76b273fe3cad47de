import { toPostEvent, type PostEventEnvelope } from '@social-posts/post-events';
import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import { commentEntityOf } from '../posts/domain/comment';
import { exclusiveClaimOf } from '../posts/domain/post.rules';
import {
  bucketOf,
  outboxSlotOf,
  streamKeyOf,
  streamPageNumber,
  streamPageOf,
  toEnvelope,
  type EventDocument,
  type StoredEnvelope,
} from './event-document';
import { StoreFormatMarkers } from './store-format-markers';

/** The stored format this code reads (event-document.ts); 1 had `published` and nothing else. */
const STORE_FORMAT = 2;
const READ_BATCH = 1_000;
/**
 * Updates per bulk write. FerretDB 1.24 keeps every statement's query (and its PostgreSQL
 * connection) open until the command ends: a bulk as big as its pool would never finish.
 */
const WRITE_BATCH = 16;

type LegacyEventDocument = StoredEnvelope & { readonly published?: boolean };

/**
 * Brings events stored by an earlier version (format 1) to the current layout, once per store:
 * their page, bucket, outbox slot, claim and entity, derived from what they hold, so every read finds
 * them. The events themselves are not changed. Idempotent, so instances starting together may
 * both run it. Costs one read of the whole store, once; after that, one lookup at each start.
 */
export async function upgradeLegacyEventDocuments(
  db: Db,
  events: Collection<EventDocument>,
): Promise<void> {
  const markers = new StoreFormatMarkers(db);
  if (await markers.reached('events', STORE_FORMAT)) return;
  const legacy = events
    .find<LegacyEventDocument>({ bucket: { $exists: false } })
    .batchSize(READ_BATCH);
  let batch: AnyBulkWriteOperation<EventDocument>[] = [];
  for await (const document of legacy) {
    batch.push({ updateOne: { filter: { _id: document._id }, update: upgrade(document) } });
    if (batch.length === WRITE_BATCH) {
      await events.bulkWrite(batch, { ordered: false });
      batch = [];
    }
  }
  if (batch.length > 0) await events.bulkWrite(batch, { ordered: false });
  // Format 1's outbox index had another key under the name `outbox`.
  await events.dropIndex('outbox').catch(() => undefined);
  await markers.mark('events', STORE_FORMAT);
}

function upgrade(document: LegacyEventDocument) {
  const { aggregateId, version, published } = document;
  // The legacy format predates sealed personal data: its events are plain.
  const event = toPostEvent(toEnvelope(document) as PostEventEnvelope);
  const claim = exclusiveClaimOf(event);
  const entity = commentEntityOf(event);
  return {
    $set: {
      streamPage: streamPageOf(aggregateId, streamPageNumber(version)),
      bucket: bucketOf(aggregateId),
      ...(published === false ? { outbox: outboxSlotOf(aggregateId) } : {}),
      ...(claim ? { claim: streamKeyOf(aggregateId, `${claim.what}:${claim.who}`) } : {}),
      ...(entity ? { entity: streamKeyOf(aggregateId, entity) } : {}),
    },
    $unset: { published: '' as const },
  };
}

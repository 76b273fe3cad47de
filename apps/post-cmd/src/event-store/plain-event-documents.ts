import {
  sealEvent,
  unsealEvents,
  type KeyLookup,
  type PersonKey,
} from '@social-posts/personal-data';
import {
  PERSONAL_FIELDS,
  toPostEvent,
  toReadablePostEvent,
  type PostEventEnvelope,
} from '@social-posts/post-events';
import type { Collection, Db } from 'mongodb';
import { actorsOf } from '../posts/domain/event-actors';
import { exclusiveClaimOf } from '../posts/domain/post.rules';
import { POST_STATE_VERSION } from '../posts/domain/post.snapshot';
import { isDuplicateKey } from './duplicate-key';
import {
  BUCKETS,
  eventDocumentsIn,
  streamKeyOf,
  toEnvelope,
  type EventDocument,
} from './event-document';
import { StoreFormatMarkers } from './store-format-markers';

/** What sealing needs of the people's keys (PersonKeys). */
export interface SealingKeys {
  keyFor(username: string): Promise<PersonKey>;
  readonly lookup: KeyLookup;
}

/** Writes at once: FerretDB 1.24 holds a PostgreSQL connection per statement under way. */
const WRITES_AT_ONCE = 16;
const SEALED = 1;

/**
 * Seals the personal data of events stored before it was sealed (plain, schema versions 1 and
 * 2), so that the store holds nothing readable of a person once their key is deleted: each such
 * document is replaced by its sealed copy, with the same id, stream, version and publishing
 * state (the sealed data is at the event type's current schema version, as new events are), and
 * with the key id of the person who acted (`person`). A like's claim moves from their name to
 * their key id. Snapshots of an earlier state shape, which hold names and messages in the clear,
 * are deleted (the next load replays and saves a sealed one).
 *
 * Once per store: a marker says it is done. Idempotent and resumable: a document is only
 * replaced while it is plain, and who acted is read from the whole stream, sealed part included,
 * so instances starting together, or a start after a crash half-way, finish the same job.
 * Costs one read of the store, bucket by bucket, and one update per plain event.
 */
export async function sealPlainEventDocuments(
  db: Db,
  keys: SealingKeys,
  progress: (bucketsDone: number, sealed: number) => void = () => undefined,
): Promise<number> {
  const markers = new StoreFormatMarkers(db);
  if (await markers.reached('personal-data', SEALED)) return 0;
  const events = eventDocumentsIn(db);
  let sealed = 0;
  // A new store has nothing from before: no reason to read a thousand empty buckets.
  const empty = (await events.findOne({}, { projection: { _id: 1 } })) === null;
  for (let bucket = 0; bucket < (empty ? 0 : BUCKETS); bucket++) {
    const documents = await events.find({ bucket }).sort({ aggregateId: 1, version: 1 }).toArray();
    for (const stream of streamsOf(documents)) sealed += await sealStream(events, stream, keys);
    progress(bucket + 1, sealed);
  }
  await db.collection('snapshots').deleteMany({ stateVersion: { $lt: POST_STATE_VERSION } });
  await markers.mark('personal-data', SEALED);
  return sealed;
}

/** A bucket's documents, already in stream and version order, one array per stream. */
function* streamsOf(documents: readonly EventDocument[]): Generator<EventDocument[]> {
  let stream: EventDocument[] = [];
  for (const document of documents) {
    if (stream.length > 0 && stream[0]!.aggregateId !== document.aggregateId) {
      yield stream;
      stream = [];
    }
    stream.push(document);
  }
  if (stream.length > 0) yield stream;
}

async function sealStream(
  events: Collection<EventDocument>,
  stream: readonly EventDocument[],
  keys: SealingKeys,
): Promise<number> {
  if (stream.every((document) => document.personalData === 'sealed')) return 0;
  const envelopes = stream.map(toEnvelope);
  const actors = actorsOf((await unsealEvents(envelopes, keys.lookup)).map(toReadablePostEvent));
  const plain: { envelope: PostEventEnvelope; actor: string }[] = [];
  envelopes.forEach((envelope, index) => {
    if ('personalData' in envelope) return;
    const actor = actors[index];
    if (actor !== undefined) plain.push({ envelope, actor });
    else if (PERSONAL_FIELDS[envelope.eventType].length > 0) {
      throw new Error(`cannot tell who caused event ${envelope.eventId}, so cannot seal it`);
    }
  });
  // One person at a time: their first key is made once, not by racing writes.
  const keyOf = new Map<string, PersonKey>();
  for (const { actor } of plain) {
    if (!keyOf.has(actor)) keyOf.set(actor, await keys.keyFor(actor));
  }
  for (let start = 0; start < plain.length; start += WRITES_AT_ONCE) {
    await Promise.all(
      plain
        .slice(start, start + WRITES_AT_ONCE)
        .map(({ envelope, actor }) => sealDocument(events, envelope, keyOf.get(actor)!)),
    );
  }
  return plain.length;
}

async function sealDocument(
  events: Collection<EventDocument>,
  envelope: PostEventEnvelope,
  key: PersonKey,
): Promise<void> {
  const { schemaVersion, data } = sealEvent(envelope, key);
  const sealed = { schemaVersion, data, personalData: 'sealed' as const, person: key.keyId };
  const plain = { _id: envelope.eventId, personalData: { $exists: false } };
  const claim = exclusiveClaimOf(toPostEvent(envelope));
  if (claim === undefined) {
    await events.updateOne(plain, { $set: sealed });
    return;
  }
  try {
    const claimKey = streamKeyOf(envelope.aggregateId, `${claim.what}:${key.keyId}`);
    await events.updateOne(plain, { $set: { ...sealed, claim: claimKey } });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // The same person liked again since sealing began (the new like's claim by key id did not
    // meet this one's by name): the history keeps both, the later one holds the claim, and this
    // one's claim, which named them, goes.
    await events.updateOne(plain, { $set: sealed, $unset: { claim: '' } });
  }
}

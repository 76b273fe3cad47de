import { hashtagsIn } from './hashtags';
import {
  POST_EVENT_SCHEMA_VERSIONS,
  type PostCreatedV1,
  type PostEventEnvelope,
  type PostEventType,
  type PostMessageEditedV1,
} from './post-events';

/** Turns the data of one schema version into the next version's. */
type Upcaster = (data: never) => unknown;

/**
 * For each event type, the upcasters from version 1 up to the current one: `[0]` turns version 1
 * data into version 2, and so on. Each is pure and total, so a stored event reads the same every
 * time, in every part that reads it (replay, snapshots, the relay, a republish, the consumer), and
 * the store is never rewritten. Adding a schema version means adding its upcaster here (a unit
 * test reads every type from version 1 up, so a missing one fails it).
 */
const UPCASTERS = {
  PostCreated: [(data: PostCreatedV1) => ({ ...data, tags: hashtagsIn(data.message) })],
  PostMessageEdited: [(data: PostMessageEditedV1) => ({ ...data, tags: hashtagsIn(data.message) })],
  PostLiked: [],
  CommentAdded: [],
  CommentEdited: [],
  CommentRemoved: [],
  PostRemoved: [],
  PostReported: [],
  PostHidden: [],
  PostShown: [],
  PostTakenDown: [],
  PersonErased: [],
} as const satisfies { readonly [K in PostEventType]: readonly Upcaster[] };

/** Whether this code reads `schemaVersion` of `eventType`: 1 up to the version it writes. */
export const readsSchemaVersion = (eventType: PostEventType, schemaVersion: unknown): boolean =>
  Number.isSafeInteger(schemaVersion) &&
  (schemaVersion as number) >= 1 &&
  (schemaVersion as number) <= POST_EVENT_SCHEMA_VERSIONS[eventType];

/** An event as stored or published at any schema version this code reads. */
export type StoredPostEvent = Omit<PostEventEnvelope, 'data'> & { readonly data: unknown };

/**
 * The event at the current schema version of its type. The caller has checked that the version
 * is one this code reads (`readsSchemaVersion`), and the data is that version's shape.
 */
export function upcastPostEvent(event: StoredPostEvent): PostEventEnvelope {
  const current = POST_EVENT_SCHEMA_VERSIONS[event.eventType];
  if (event.schemaVersion === current) return event as PostEventEnvelope;
  const steps: readonly Upcaster[] = UPCASTERS[event.eventType];
  let data = event.data;
  for (let version = event.schemaVersion; version < current; version++) {
    const step = steps[version - 1] as ((data: unknown) => unknown) | undefined;
    if (step === undefined) throw new Error(`no upcaster from ${event.eventType} v${version}`);
    data = step(data);
  }
  return { ...event, schemaVersion: current, data } as PostEventEnvelope;
}

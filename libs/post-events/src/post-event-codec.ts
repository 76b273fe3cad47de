import {
  POST_AGGREGATE_TYPE,
  POST_EVENT_SCHEMA_VERSIONS,
  type PostEventEnvelope,
  type PostEventType,
} from './post-events';

/** Kafka header names; the event type and correlation id are readable without parsing the value. */
export const POST_EVENT_HEADERS = {
  eventType: 'event-type',
  correlationId: 'correlation-id',
} as const;

export interface PostEventMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

/** The Kafka message for an event: keyed by post id so that one post's events stay in order. */
export function toPostEventMessage(envelope: PostEventEnvelope): PostEventMessage {
  return {
    key: envelope.aggregateId,
    value: JSON.stringify(envelope),
    headers: {
      [POST_EVENT_HEADERS.eventType]: envelope.eventType,
      [POST_EVENT_HEADERS.correlationId]: envelope.metadata.correlationId,
    },
  };
}

export type DecodeResult =
  | { readonly ok: true; readonly envelope: PostEventEnvelope }
  | { readonly ok: false; readonly reason: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Post and comment ids are UUIDs: anything else could not be stored by a read model. */
const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

const isInstant = (value: unknown): value is string =>
  isString(value) && !Number.isNaN(Date.parse(value));

/** The fields each event type's data must have, with their check. */
const DATA_FIELDS: {
  readonly [K in PostEventType]: Readonly<Record<string, (value: unknown) => boolean>>;
} = {
  PostCreated: { postId: isUuid, author: isString, message: isString, datePosted: isInstant },
  PostMessageEdited: { postId: isUuid, message: isString, editedAt: isInstant },
  PostLiked: { postId: isUuid, username: isString, likedAt: isInstant },
  CommentAdded: {
    postId: isUuid,
    commentId: isUuid,
    username: isString,
    comment: isString,
    commentDate: isInstant,
  },
  CommentEdited: { postId: isUuid, commentId: isUuid, comment: isString, editedAt: isInstant },
  CommentRemoved: { postId: isUuid, commentId: isUuid },
  PostRemoved: { postId: isUuid, username: isString, removedAt: isInstant },
};

const isPostEventType = (value: unknown): value is PostEventType =>
  typeof value === 'string' && Object.hasOwn(POST_EVENT_SCHEMA_VERSIONS, value);

/**
 * Parses and checks a message value. Anything this code cannot apply faithfully (bad JSON, a
 * missing field, an unknown event type or schema version) is a failure with its reason, never
 * an exception: the consumer decides what to do with it.
 */
export function decodePostEvent(value: Buffer | string | null): DecodeResult {
  if (value === null) return { ok: false, reason: 'empty message value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString());
  } catch {
    return { ok: false, reason: 'message value is not JSON' };
  }
  if (!isObject(parsed)) return { ok: false, reason: 'message value is not a JSON object' };

  const { eventType, schemaVersion, data, metadata } = parsed;
  if (!isPostEventType(eventType)) {
    return { ok: false, reason: `unknown event type ${JSON.stringify(eventType)}` };
  }
  if (schemaVersion !== POST_EVENT_SCHEMA_VERSIONS[eventType]) {
    return {
      ok: false,
      reason: `unknown schema version ${JSON.stringify(schemaVersion)} of ${eventType}`,
    };
  }
  if (!isString(parsed.eventId)) return { ok: false, reason: 'eventId is missing' };
  if (!isUuid(parsed.aggregateId)) return { ok: false, reason: 'aggregateId is not a UUID' };
  if (parsed.aggregateType !== POST_AGGREGATE_TYPE) {
    return { ok: false, reason: `aggregateType is not ${POST_AGGREGATE_TYPE}` };
  }
  if (!Number.isSafeInteger(parsed.version) || (parsed.version as number) < 1) {
    return { ok: false, reason: 'version is not a positive integer' };
  }
  if (!isInstant(parsed.occurredAt)) return { ok: false, reason: 'occurredAt is not an instant' };
  if (!isObject(metadata) || !isString(metadata.correlationId) || !isString(metadata.causationId)) {
    return { ok: false, reason: 'metadata needs correlationId and causationId' };
  }
  if (!isObject(data)) return { ok: false, reason: 'data is not an object' };
  for (const [field, check] of Object.entries(DATA_FIELDS[eventType])) {
    if (!check(data[field])) return { ok: false, reason: `data.${field} is missing or malformed` };
  }
  if (data.postId !== parsed.aggregateId) {
    return { ok: false, reason: 'data.postId is not the aggregateId' };
  }
  return { ok: true, envelope: parsed as unknown as PostEventEnvelope };
}

import { MAX_TAGS, isTag } from './hashtags';
import {
  POST_AGGREGATE_TYPE,
  POST_EVENT_SCHEMA_VERSIONS,
  isModerationDecider,
  isReportReason,
  type PostEventType,
} from './post-events';
import {
  PERSONAL_FIELDS,
  isSealedText,
  type ReadablePostEventEnvelope,
  type SealedPostEventEnvelope,
} from './personal-data';
import { MAX_COMMENT_LENGTH, MAX_MESSAGE_LENGTH, MAX_USERNAME_LENGTH } from './text-limits';
import type { EventEnvelope } from './event-envelope';
import { readsSchemaVersion, upcastPostEvent, type StoredPostEvent } from './upcasters';

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
export function toPostEventMessage(envelope: EventEnvelope): PostEventMessage {
  return {
    key: envelope.aggregateId,
    value: JSON.stringify(envelope),
    headers: {
      [POST_EVENT_HEADERS.eventType]: envelope.eventType,
      [POST_EVENT_HEADERS.correlationId]: envelope.metadata.correlationId,
    },
  };
}

/**
 * An event as the stream carries it: its personal fields sealed (as post-cmd stores them, to be
 * opened with keys post-cmd holds), or readable (published before events travelled sealed).
 */
export type PublishedPostEventEnvelope = ReadablePostEventEnvelope | SealedPostEventEnvelope;

export const isSealedEnvelope = (
  envelope: PublishedPostEventEnvelope,
): envelope is SealedPostEventEnvelope => 'personalData' in envelope;

export type DecodeResult =
  | { readonly ok: true; readonly envelope: PublishedPostEventEnvelope }
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

/** What is wrong with a data field's value, if anything. */
type FieldCheck = (value: unknown) => string | undefined;

const is =
  (check: (value: unknown) => boolean): FieldCheck =>
  (value) =>
    check(value) ? undefined : 'is missing or malformed';

/** A text of at most `maxLength` code points, the contract's limit for its field. */
const text =
  (maxLength: number): FieldCheck =>
  (value) => {
    if (!isString(value)) return 'is missing or malformed';
    return [...value].length > maxLength ? `is longer than ${maxLength} characters` : undefined;
  };

const postId = is(isUuid);
const commentId = is(isUuid);
const caseId = is(isUuid);
const instant = is(isInstant);
const username = text(MAX_USERNAME_LENGTH);
const message = text(MAX_MESSAGE_LENGTH);
const comment = text(MAX_COMMENT_LENGTH);
const tags: FieldCheck = (value) => {
  if (!Array.isArray(value)) return 'is missing or malformed';
  if (value.length > MAX_TAGS) return `has more than ${MAX_TAGS} tags`;
  if (!value.every((tag) => typeof tag === 'string' && isTag(tag))) return 'holds a malformed tag';
  return new Set(value).size === value.length ? undefined : 'holds a tag twice';
};

const decidedBy = is(isModerationDecider);
const reports = is((value) => Number.isSafeInteger(value) && (value as number) > 0);
const reasons = is(
  (value) => Array.isArray(value) && value.length > 0 && value.every(isReportReason),
);

type DataFields = Readonly<Record<string, FieldCheck>>;

const postCreatedV1 = { postId, author: username, message, datePosted: instant };
const postMessageEditedV1 = { postId, message, editedAt: instant };

/** The fields each event type's data must have at each schema version (`[0]` is version 1). */
const DATA_FIELDS: { readonly [K in PostEventType]: readonly DataFields[] } = {
  PostCreated: [postCreatedV1, { ...postCreatedV1, tags }],
  PostMessageEdited: [postMessageEditedV1, { ...postMessageEditedV1, tags }],
  PostLiked: [{ postId, username, likedAt: instant }],
  CommentAdded: [{ postId, commentId, username, comment, commentDate: instant }],
  CommentEdited: [{ postId, commentId, comment, editedAt: instant }],
  CommentRemoved: [{ postId, commentId }],
  PostRemoved: [{ postId, username, removedAt: instant }],
  PostReported: [{ postId, username, reason: is(isReportReason), reportedAt: instant }],
  PostHidden: [{ postId, caseId, reports, reasons, hiddenAt: instant, reviewBy: instant }],
  PostShown: [{ postId, caseId, decidedBy, shownAt: instant }],
  PostTakenDown: [{ postId, caseId, decidedBy, takenDownAt: instant }],
  PersonErased: [
    {
      postId,
      person: is(isString),
      erasesAuthor: is((value) => typeof value === 'boolean'),
      erasedAt: instant,
    },
  ],
};

/** A personal field: sealed in a sealed event; checked as its type says, or null (erased), in a readable one. */
function personalFieldProblem(
  value: unknown,
  check: FieldCheck,
  { sealed, erasable }: { sealed: boolean; erasable: boolean },
): string | undefined {
  if (sealed) return isSealedText(value) ? undefined : 'is not sealed';
  return value === null && erasable ? undefined : check(value);
}

/**
 * What is wrong with an opened event's personal fields, if anything: the checks `decodePostEvent`
 * could not make while they were sealed (a text's length, a tag's shape). Null is an erased
 * person's field.
 */
export function checkOpenedPersonalData(envelope: ReadablePostEventEnvelope): string | undefined {
  const fields: DataFields = DATA_FIELDS[envelope.eventType].at(-1)!;
  const data = envelope.data as Readonly<Record<string, unknown>>;
  for (const field of PERSONAL_FIELDS[envelope.eventType] as readonly string[]) {
    const problem = personalFieldProblem(data[field], fields[field]!, {
      sealed: false,
      erasable: true,
    });
    if (problem !== undefined) return `data.${field} ${problem}`;
  }
  return undefined;
}

const isPostEventType = (value: unknown): value is PostEventType =>
  typeof value === 'string' && Object.hasOwn(POST_EVENT_SCHEMA_VERSIONS, value);

/**
 * Parses and checks a message value, and answers the event at the current schema version of its
 * type (an earlier version is checked as that version, then upcast). Anything this code cannot
 * apply faithfully (bad JSON, a missing field, a text longer than the contract allows, an unknown
 * event type, a schema version later than it knows) is a failure with its reason, never an
 * exception: the consumer decides what to do with it. A sealed event (`personalData: 'sealed'`,
 * written at its type's current schema version) has each personal field sealed; it is checked
 * again once opened (`checkOpenedPersonalData`). In a readable one a personal field is null once
 * its person was erased: at the current schema version only, for the same reason.
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
  if (!readsSchemaVersion(eventType, schemaVersion)) {
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
  if (metadata.traceparent !== undefined && !isString(metadata.traceparent)) {
    return { ok: false, reason: 'metadata.traceparent is not a string' };
  }
  if (parsed.person !== undefined && !isString(parsed.person)) {
    return { ok: false, reason: 'person is not a key id' };
  }
  if (!isObject(data)) return { ok: false, reason: 'data is not an object' };
  const current = schemaVersion === POST_EVENT_SCHEMA_VERSIONS[eventType];
  const sealed = parsed.personalData === 'sealed';
  if (parsed.personalData !== undefined && !(sealed && current)) {
    return { ok: false, reason: 'personalData is not sealed at the current schema version' };
  }
  const personal: readonly string[] = PERSONAL_FIELDS[eventType];
  for (const [field, check] of Object.entries(
    DATA_FIELDS[eventType][(schemaVersion as number) - 1]!,
  )) {
    const problem = personal.includes(field)
      ? personalFieldProblem(data[field], check, { sealed, erasable: current })
      : check(data[field]);
    if (problem !== undefined) return { ok: false, reason: `data.${field} ${problem}` };
  }
  if (data.postId !== parsed.aggregateId) {
    return { ok: false, reason: 'data.postId is not the aggregateId' };
  }
  if (sealed) return { ok: true, envelope: parsed as unknown as SealedPostEventEnvelope };
  // An upcaster reads words: only events of an earlier version, which are never erased, meet one.
  const envelope = upcastPostEvent(parsed as unknown as StoredPostEvent);
  return { ok: true, envelope: envelope as ReadablePostEventEnvelope };
}

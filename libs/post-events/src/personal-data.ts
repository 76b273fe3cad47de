import type { EventEnvelope } from './event-envelope';
import type { PostEventDataByType, PostEventEnvelope, PostEventType } from './post-events';

/**
 * A text sealed with one person's key (AES-256-GCM): `sealed:1:<keyId>:<base64url>`. The key id
 * says whose key opens it and names nobody; libs/personal-data seals and opens it.
 */
export type SealedText = `sealed:1:${string}`;

export const SEALED_TEXT_PREFIX = 'sealed:1:';

export const isSealedText = (value: unknown): value is SealedText =>
  typeof value === 'string' && value.startsWith(SEALED_TEXT_PREFIX);

/**
 * The fields of each event type that hold a person's data: who acted and the words they wrote.
 * In the store and on the stream they are sealed with the key of the person who acted (the
 * author of a post or an edit, the liker, the commenter, the remover), so deleting that key
 * erases them everywhere at once (docs/12-privacy.md). Tags are the message's words.
 */
export const PERSONAL_FIELDS = {
  PostCreated: ['author', 'message', 'tags'],
  PostMessageEdited: ['message', 'tags'],
  PostLiked: ['username'],
  CommentAdded: ['username', 'comment'],
  CommentEdited: ['comment'],
  CommentRemoved: [],
  PostRemoved: ['username'],
  PostReported: ['username'],
  PostHidden: [],
  PostShown: [],
  PostTakenDown: [],
  PersonErased: [],
} as const satisfies { readonly [K in PostEventType]: readonly (keyof PostEventDataByType[K])[] };

export type PersonalField<K extends PostEventType> = (typeof PERSONAL_FIELDS)[K][number];

/** An event's data with its personal fields sealed (an array, the tags, is sealed as JSON). */
export type SealedData<K extends PostEventType> = {
  readonly [P in keyof PostEventDataByType[K]]: P extends PersonalField<K>
    ? SealedText
    : PostEventDataByType[K][P];
};

/**
 * An event as the store keeps and the stream carries it since personal data is sealed:
 * `personalData: 'sealed'` tells it from an event stored before (plain, no such field).
 */
export type SealedPostEventEnvelope = {
  [K in PostEventType]: EventEnvelope<K, SealedData<K>> & { readonly personalData: 'sealed' };
}[PostEventType];

/**
 * An event's data as a reader gets it back: a personal field whose person was erased (their
 * key deleted) is null; the rest of the event is as it was.
 */
export type ReadableData<K extends PostEventType> = {
  readonly [P in keyof PostEventDataByType[K]]: P extends PersonalField<K>
    ? PostEventDataByType[K][P] | null
    : PostEventDataByType[K][P];
};

export type ReadablePostEventEnvelope = {
  [K in PostEventType]: EventEnvelope<K, ReadableData<K>>;
}[PostEventType];

/** A post event as the domain reads it back: its personal fields null where erased. */
export type ReadablePostEvent = {
  [K in PostEventType]: { readonly type: K; readonly data: ReadableData<K> };
}[PostEventType];

/** The envelope's type and data, as the domain reads an event (see `toPostEvent`). */
export const toReadablePostEvent = (envelope: ReadablePostEventEnvelope): ReadablePostEvent =>
  ({ type: envelope.eventType, data: envelope.data }) as ReadablePostEvent;

/** An event as the store holds it and the stream carries it: sealed, or plain from before. */
export type StoredPostEventEnvelope = PostEventEnvelope | SealedPostEventEnvelope;

/**
 * The event as it reads once its person is erased: its personal fields null, the rest as it was.
 * A read model that learnt of the erasure applies a later copy of their event (sent before their
 * key was deleted) this way, so that it cannot bring their words back; a reader that needs no one's
 * words (moderation) reads a sealed event this way, without opening it.
 */
export function withPersonalDataErased(
  event: ReadablePostEventEnvelope | SealedPostEventEnvelope,
): ReadablePostEventEnvelope {
  const { personalData: _sealed, ...envelope } = event as SealedPostEventEnvelope;
  const data: Record<string, unknown> = { ...envelope.data };
  for (const field of PERSONAL_FIELDS[event.eventType]) data[field] = null;
  return { ...envelope, data } as ReadablePostEventEnvelope;
}

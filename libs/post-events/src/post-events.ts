import type { EventEnvelope } from './event-envelope';

export const POST_AGGREGATE_TYPE = 'Post';

/** PostCreated, schema version 1. Instants are ISO-8601 strings. */
export interface PostCreatedV1 {
  readonly postId: string;
  readonly author: string;
  readonly message: string;
  readonly datePosted: string;
}

/**
 * Every post event type with the shape of its data. Names are explicit and stable: they are
 * stored and published, so they never come from a class name.
 */
export interface PostEventDataByType {
  PostCreated: PostCreatedV1;
}

export type PostEventType = keyof PostEventDataByType;

/** The schema version that this code writes, and the only one it reads, for each event type. */
export const POST_EVENT_SCHEMA_VERSIONS: { readonly [K in PostEventType]: number } = {
  PostCreated: 1,
};

/** A post event as the domain raises it: its type and its data. */
export type PostEvent = {
  [K in PostEventType]: { readonly type: K; readonly data: PostEventDataByType[K] };
}[PostEventType];

/** A post event as it is stored and published. */
export type PostEventEnvelope = {
  [K in PostEventType]: EventEnvelope<K, PostEventDataByType[K]>;
}[PostEventType];

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
 * PostCreated, schema version 2: version 1 and the message's hashtags (`hashtagsIn`). Events
 * stored as version 1 are read as version 2 (upcasters.ts); they are never rewritten.
 */
export interface PostCreatedV2 extends PostCreatedV1 {
  readonly tags: readonly string[];
}

/** PostMessageEdited, schema version 1. */
export interface PostMessageEditedV1 {
  readonly postId: string;
  readonly message: string;
  readonly editedAt: string;
}

/** PostMessageEdited, schema version 2: version 1 and the new message's hashtags. */
export interface PostMessageEditedV2 extends PostMessageEditedV1 {
  readonly tags: readonly string[];
}

/** PostLiked, schema version 1. */
export interface PostLikedV1 {
  readonly postId: string;
  readonly username: string;
  readonly likedAt: string;
}

/** CommentAdded, schema version 1. */
export interface CommentAddedV1 {
  readonly postId: string;
  readonly commentId: string;
  readonly username: string;
  readonly comment: string;
  readonly commentDate: string;
}

/** CommentEdited, schema version 1. */
export interface CommentEditedV1 {
  readonly postId: string;
  readonly commentId: string;
  readonly comment: string;
  readonly editedAt: string;
}

/** CommentRemoved, schema version 1. */
export interface CommentRemovedV1 {
  readonly postId: string;
  readonly commentId: string;
}

/** PostRemoved, schema version 1. */
export interface PostRemovedV1 {
  readonly postId: string;
  readonly username: string;
  readonly removedAt: string;
}

/**
 * Why a person reports a post: a fixed list, so that moderators can sort and count reports, and
 * a report holds no words of the reporter's own.
 */
export const REPORT_REASONS = [
  'spam',
  'harassment',
  'hate-speech',
  'violence',
  'sexual-content',
  'misinformation',
  'other',
] as const;

export type ReportReason = (typeof REPORT_REASONS)[number];

export const isReportReason = (value: unknown): value is ReportReason =>
  REPORT_REASONS.includes(value as ReportReason);

/** PostReported, schema version 1: `username` reported the post for `reason`. */
export interface PostReportedV1 {
  readonly postId: string;
  readonly username: string;
  readonly reason: ReportReason;
  readonly reportedAt: string;
}

/**
 * Every post event type with the shape of its data at the current schema version. Names are
 * explicit and stable: they are stored and published, so they never come from a class name.
 */
export interface PostEventDataByType {
  PostCreated: PostCreatedV2;
  PostMessageEdited: PostMessageEditedV2;
  PostLiked: PostLikedV1;
  CommentAdded: CommentAddedV1;
  CommentEdited: CommentEditedV1;
  CommentRemoved: CommentRemovedV1;
  PostRemoved: PostRemovedV1;
  PostReported: PostReportedV1;
}

export type PostEventType = keyof PostEventDataByType;

/**
 * The schema version that this code writes for each event type. It reads that version and every
 * earlier one (upcasters.ts turns them into this one); a later version is unknown to it.
 */
export const POST_EVENT_SCHEMA_VERSIONS: { readonly [K in PostEventType]: number } = {
  PostCreated: 2,
  PostMessageEdited: 2,
  PostLiked: 1,
  CommentAdded: 1,
  CommentEdited: 1,
  CommentRemoved: 1,
  PostRemoved: 1,
  PostReported: 1,
};

/** Every event type of the contract. */
export const POST_EVENT_TYPES = Object.keys(POST_EVENT_SCHEMA_VERSIONS) as readonly PostEventType[];

/** A post event as the domain raises it: its type and its data. */
export type PostEvent = {
  [K in PostEventType]: { readonly type: K; readonly data: PostEventDataByType[K] };
}[PostEventType];

/** A post event as it is stored and published. */
export type PostEventEnvelope = {
  [K in PostEventType]: EventEnvelope<K, PostEventDataByType[K]>;
}[PostEventType];

/**
 * The envelope's type and data, as the domain sees an event. TypeScript cannot follow that
 * each envelope member's type matches its data, hence the assertion.
 */
export const toPostEvent = (envelope: PostEventEnvelope): PostEvent =>
  ({ type: envelope.eventType, data: envelope.data }) as PostEvent;

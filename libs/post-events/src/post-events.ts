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

/** A guard for a value of a fixed list of the contract's. */
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: unknown): value is T =>
    values.includes(value as T);

export const isReportReason = oneOf(REPORT_REASONS);

/** PostReported, schema version 1: `username` reported the post for `reason`. */
export interface PostReportedV1 {
  readonly postId: string;
  readonly username: string;
  readonly reason: ReportReason;
  readonly reportedAt: string;
}

/** What a moderator (or the review's deadline) decides about a hidden post. */
export const MODERATION_DECISIONS = ['keep', 'remove'] as const;

export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

/** Who ended a review: an admin, or its deadline passing with no decision (the default applies). */
export const MODERATION_DECIDERS = ['moderator', 'deadline'] as const;

export type ModerationDecider = (typeof MODERATION_DECIDERS)[number];

export const isModerationDecider = oneOf(MODERATION_DECIDERS);

/**
 * PostHidden, schema version 1: enough distinct reports hid the post while review case `caseId`
 * is open, until `reviewBy`. It names no reporter: only how many and why.
 */
export interface PostHiddenV1 {
  readonly postId: string;
  readonly caseId: string;
  readonly reports: number;
  /** The reasons the reports gave, each once, in REPORT_REASONS order. */
  readonly reasons: readonly ReportReason[];
  readonly hiddenAt: string;
  readonly reviewBy: string;
}

/** PostShown, schema version 1: case `caseId` ended with the post kept, shown again. */
export interface PostShownV1 {
  readonly postId: string;
  readonly caseId: string;
  readonly decidedBy: ModerationDecider;
  readonly shownAt: string;
}

/** PostTakenDown, schema version 1: case `caseId` ended with the post removed by moderation. */
export interface PostTakenDownV1 {
  readonly postId: string;
  readonly caseId: string;
  readonly decidedBy: ModerationDecider;
  readonly takenDownAt: string;
}

/**
 * PersonErased, schema version 1: the person whose key id is `person` was erased
 * (docs/12-privacy.md), and they acted on this post. Their key is deleted after this event is
 * stored, so their fields in the post's events read as null from then on. `erasesAuthor`: they
 * wrote the post, which is now gone as if never written. It names nobody: a key id is random.
 */
export interface PersonErasedV1 {
  readonly postId: string;
  readonly person: string;
  readonly erasesAuthor: boolean;
  readonly erasedAt: string;
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
  PostHidden: PostHiddenV1;
  PostShown: PostShownV1;
  PostTakenDown: PostTakenDownV1;
  PersonErased: PersonErasedV1;
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
  PostHidden: 1,
  PostShown: 1,
  PostTakenDown: 1,
  PersonErased: 1,
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

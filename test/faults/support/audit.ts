import { MongoClient } from 'mongodb';
import { openedDocuments } from '../../support/sealed-documents';
import type { ReadMessage } from '../../support/topic-reader';
import type { ExpectedPost } from './expected-posts';

export interface AuditCounts {
  eventsStored: number;
  eventsProjected: number;
  /** Effects of accepted commands missing from the event store or the read model. */
  lost: number;
  /** Effects found more than once, or more than the commands sent could cause. */
  doubled: number;
  /** Messages of a post that arrived on the topic before the version preceding them. */
  outOfOrder: number;
  /** The same version of a post on the topic again (at-least-once delivery; harmless). */
  redelivered: number;
}

export interface Audit extends AuditCounts {
  /** One line per discrepancy, to say what went wrong when a count is not zero. */
  readonly findings: string[];
}

interface StoredEvent {
  readonly aggregateId: string;
  readonly version: number;
  readonly eventType: string;
  readonly data: Record<string, unknown>;
}

interface ReadPost {
  readonly message: string;
  readonly likes: number;
  readonly commentCount: number;
  readonly version: number;
  readonly comments: { commentId: string; comment: string }[];
}

/** The field whose value is unique to the command that caused an event of this type. */
const TOKEN_FIELD: Record<string, string> = {
  PostCreated: 'message',
  PostMessageEdited: 'message',
  PostLiked: 'username',
  CommentAdded: 'comment',
  CommentEdited: 'comment',
  CommentRemoved: 'commentId',
};

export interface AuditSources {
  readonly mongoUrl: string;
  readonly mongoDatabase: string;
  /** post-query's API. */
  readonly queryApi: () => string;
  readonly topicMessages: readonly ReadMessage[];
}

/**
 * Compares what the accepted commands imply (the client's own bookkeeping) with the event
 * store, the topic and the read model, post by post.
 */
export async function audit(posts: readonly ExpectedPost[], sources: AuditSources): Promise<Audit> {
  const result: Audit = {
    eventsStored: 0,
    eventsProjected: 0,
    lost: 0,
    doubled: 0,
    outOfOrder: 0,
    redelivered: 0,
    findings: [],
  };
  const events = await storedEvents(sources, posts);
  auditTopic(result, posts, sources.topicMessages);
  for (const post of posts) {
    const stream = events.get(post.postId) ?? [];
    result.eventsStored += stream.length;
    auditEventStore(result, post, stream);
    const response = await fetch(`${sources.queryApi()}/posts/${post.postId}`);
    if (!response.ok) {
      result.lost += stream.length;
      result.findings.push(`${post.postId}: read model answered ${response.status}`);
      continue;
    }
    auditReadModel(result, post, stream.length, (await response.json()) as ReadPost);
  }
  return result;
}

async function storedEvents(
  sources: AuditSources,
  posts: readonly ExpectedPost[],
): Promise<Map<string, StoredEvent[]>> {
  const client = await MongoClient.connect(sources.mongoUrl);
  try {
    const db = client.db(sources.mongoDatabase);
    // Personal data is sealed in the store: the audit opens it, as any holder of the master key.
    const documents = await openedDocuments(
      db,
      await db
        .collection<StoredEvent>('events')
        .find({ aggregateId: { $in: posts.map((post) => post.postId) } })
        .sort({ aggregateId: 1, version: 1 })
        .toArray(),
    );
    const streams = new Map<string, StoredEvent[]>();
    for (const event of documents) {
      streams.set(event.aggregateId, [...(streams.get(event.aggregateId) ?? []), event]);
    }
    return streams;
  } finally {
    await client.close();
  }
}

function auditEventStore(result: Audit, post: ExpectedPost, stream: StoredEvent[]): void {
  const occurrences = new Map<string, number>();
  stream.forEach((event, index) => {
    if (event.version !== index + 1) {
      result.findings.push(`${post.postId}: stored versions skip to ${event.version}`);
    }
    const field = TOKEN_FIELD[event.eventType];
    if (!field) return;
    const key = `${event.eventType}:${String(event.data[field])}`;
    occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
  });
  for (const [key, count] of occurrences) {
    if (count > 1) {
      result.doubled += count - 1;
      result.findings.push(`${post.postId}: ${key} stored ${count} times`);
    }
  }
  const mustBeStored = [
    ...[...post.likes].map((username) => `PostLiked:${username}`),
    ...post.comments
      .filter((comment) => comment.certain)
      .map((comment) => `CommentAdded:${comment.addedText}`),
    ...post.comments
      .filter((comment) => comment.removal === 'yes')
      .map((comment) => `CommentRemoved:${comment.commentId}`),
  ];
  for (const key of mustBeStored) {
    if (!occurrences.has(key)) {
      result.lost++;
      result.findings.push(`${post.postId}: accepted ${key} is not in the event store`);
    }
  }
}

function auditReadModel(result: Audit, post: ExpectedPost, stored: number, read: ReadPost): void {
  const lost = (count: number, finding: string) => {
    result.lost += count;
    result.findings.push(`${post.postId}: ${finding}`);
  };
  const doubled = (count: number, finding: string) => {
    result.doubled += count;
    result.findings.push(`${post.postId}: ${finding}`);
  };

  result.eventsProjected += read.version;
  if (read.version < stored)
    lost(stored - read.version, `read model at v${read.version} of ${stored}`);
  if (read.version > stored)
    doubled(read.version - stored, `read model at v${read.version} of ${stored}`);

  const minLikes = post.likes.size;
  const maxLikes = minLikes + post.maybeLikes.size;
  if (read.likes < minLikes)
    lost(minLikes - read.likes, `${read.likes} likes, ${minLikes} accepted`);
  if (read.likes > maxLikes)
    doubled(read.likes - maxLikes, `${read.likes} likes, at most ${maxLikes} sent`);

  if (!post.message.allows(read.message)) lost(1, `message "${read.message}" is not the last edit`);

  if (read.commentCount !== read.comments.length) {
    doubled(1, `commentCount ${read.commentCount} but ${read.comments.length} comments listed`);
  }
  const unmatched = new Set(read.comments);
  for (const expected of post.comments) {
    const found = read.comments.filter((comment) =>
      expected.commentId === undefined
        ? comment.comment === expected.addedText
        : comment.commentId === expected.commentId,
    );
    found.forEach((comment) => unmatched.delete(comment));
    if (found.length > 1) doubled(found.length - 1, `comment "${expected.addedText}" shown twice`);
    const [shown] = found;
    if (shown && !expected.text.allows(shown.comment)) {
      lost(1, `comment ${shown.commentId} reads "${shown.comment}", not its last edit`);
    }
    if (expected.certain && expected.removal === 'no' && !shown) {
      lost(1, `accepted comment "${expected.addedText}" is missing`);
    }
    if (expected.removal === 'yes' && shown) lost(1, `removed comment ${shown.commentId} is shown`);
  }
  for (const comment of unmatched) doubled(1, `comment ${comment.commentId} was never sent`);
}

/** Per post, every version must first arrive after the one before it. */
function auditTopic(
  result: Audit,
  posts: readonly ExpectedPost[],
  messages: readonly ReadMessage[],
): void {
  const ours = new Set(posts.map((post) => post.postId));
  const highest = new Map<string, number>();
  /** Where each post's versions were read, as `v<version>@<partition>:<offset>`. */
  const where = new Map<string, string[]>();
  const misplaced: { key: string; version: number; missing: number; readBefore: string[] }[] = [];
  for (const message of messages) {
    const key = message.key?.toString() ?? '';
    if (!ours.has(key) || !message.value) continue;
    const { version } = JSON.parse(message.value.toString()) as { version: number };
    const before = highest.get(key) ?? 0;
    const seen = where.get(key) ?? [];
    seen.push(`v${version}@${message.partition}:${message.offset}`);
    where.set(key, seen);
    if (version > before + 1) {
      result.outOfOrder++;
      misplaced.push({ key, version, missing: before + 1, readBefore: seen.slice(-4, -1) });
    }
    if (version <= before) result.redelivered++;
    highest.set(key, Math.max(before, version));
  }
  // Where each was read (partition:offset), so that a finding tells the producer's fault from
  // the partitioner's (the two versions on different partitions).
  for (const { key, version, missing, readBefore } of misplaced) {
    const later = (where.get(key) ?? []).filter((read) => read.startsWith(`v${missing}@`));
    result.findings.push(
      `${key}: v${version} arrived before v${missing} (read before it: ${readBefore.join(' ')}; ` +
        `v${version} at ${(where.get(key) ?? []).find((read) => read.startsWith(`v${version}@`))}; ` +
        `v${missing} later at ${later.join(' ') || 'nowhere'})`,
    );
  }
}

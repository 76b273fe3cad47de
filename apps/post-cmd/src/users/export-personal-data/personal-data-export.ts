import type { ReadablePostEventEnvelope, ReportReason } from '@social-posts/post-events';

export interface ExportedPostVersion {
  readonly version: number;
  readonly occurredAt: string;
  readonly message: string | null;
  readonly tags: readonly string[] | null;
}

export interface ExportedPost {
  readonly postId: string;
  readonly createdAt: string;
  /** The message as created, then as each edit left it. */
  readonly versions: ExportedPostVersion[];
  /** When they removed it themselves, if they did. */
  removedAt: string | null;
}

export interface ExportedCommentVersion {
  readonly version: number;
  readonly occurredAt: string;
  readonly comment: string | null;
}

export interface ExportedComment {
  readonly postId: string;
  readonly commentId: string;
  readonly versions: ExportedCommentVersion[];
  removedAt: string | null;
}

export interface ExportedLike {
  readonly postId: string;
  readonly likedAt: string;
}

export interface ExportedReport {
  readonly postId: string;
  readonly reason: ReportReason;
  readonly reportedAt: string;
}

/** A post or comment of someone else that they removed (as an admin, or as the post's author). */
export interface ExportedRemoval {
  readonly postId: string;
  readonly commentId: string | null;
  readonly removedAt: string;
}

/** Everything a person wrote and did, as the event store holds it (GDPR article 20). */
export interface PersonalDataExport {
  readonly username: string;
  readonly exportedAt: string;
  readonly posts: readonly ExportedPost[];
  readonly comments: readonly ExportedComment[];
  readonly likes: readonly ExportedLike[];
  readonly reports: readonly ExportedReport[];
  readonly removals: readonly ExportedRemoval[];
}

/**
 * The export of one person from the events that hold their data, in stream and version order
 * (so a post's creation comes before its edits). Pure: the handler reads and opens the events.
 */
export function personalDataExport(
  username: string,
  events: readonly ReadablePostEventEnvelope[],
  exportedAt: string,
): PersonalDataExport {
  const posts = new Map<string, ExportedPost>();
  const comments = new Map<string, ExportedComment>();
  const likes: ExportedLike[] = [];
  const reports: ExportedReport[] = [];
  const removals: ExportedRemoval[] = [];
  for (const event of events) {
    const { version, occurredAt } = event;
    switch (event.eventType) {
      case 'PostCreated': {
        const { postId, message, tags } = event.data;
        posts.set(postId, {
          postId,
          createdAt: occurredAt,
          versions: [{ version, occurredAt, message, tags }],
          removedAt: null,
        });
        break;
      }
      case 'PostMessageEdited': {
        const { postId, message, tags } = event.data;
        posts.get(postId)?.versions.push({ version, occurredAt, message, tags });
        break;
      }
      case 'PostLiked':
        likes.push({ postId: event.data.postId, likedAt: occurredAt });
        break;
      case 'CommentAdded': {
        const { postId, commentId, comment } = event.data;
        comments.set(commentId, {
          postId,
          commentId,
          versions: [{ version, occurredAt, comment }],
          removedAt: null,
        });
        break;
      }
      case 'CommentEdited':
        comments
          .get(event.data.commentId)
          ?.versions.push({ version, occurredAt, comment: event.data.comment });
        break;
      case 'CommentRemoved': {
        const { postId, commentId } = event.data;
        const own = comments.get(commentId);
        if (own) own.removedAt = occurredAt;
        else removals.push({ postId, commentId, removedAt: occurredAt });
        break;
      }
      case 'PostReported': {
        const { postId, reason } = event.data;
        reports.push({ postId, reason, reportedAt: occurredAt });
        break;
      }
      case 'PostRemoved': {
        const { postId } = event.data;
        const own = posts.get(postId);
        if (own) own.removedAt = occurredAt;
        else removals.push({ postId, commentId: null, removedAt: occurredAt });
        break;
      }
    }
  }
  return {
    username,
    exportedAt,
    posts: [...posts.values()],
    comments: [...comments.values()],
    likes,
    reports,
    removals,
  };
}

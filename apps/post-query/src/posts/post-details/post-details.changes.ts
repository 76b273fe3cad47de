import type { ReadablePostEventEnvelope } from '@social-posts/post-events';

/** A post's row as one batch leaves it: inserted whole if the batch created it, else updated. */
export interface PostRowChange {
  readonly id: string;
  /** Its author and words null when they were erased (the row is then written erased). */
  created?: {
    author: string | null;
    authorKey: string | null;
    message: string | null;
    datePosted: Date;
  };
  message?: string;
  editedAt?: Date;
  removedAt?: Date;
  /** Its author was erased: the row keeps no word of theirs, and the post is gone from queries. */
  erasedAt?: Date;
  /** Hidden by moderation (why, until when), or shown again (null); unchanged if absent. */
  hidden?: HiddenPost | null;
  likesAdded: number;
  commentsAdded: number;
  version: number;
}

export interface HiddenPost {
  readonly at: Date;
  readonly reasons: readonly string[];
  readonly reviewBy: Date;
}

export interface LikeRow {
  readonly postId: string;
  readonly username: string;
  readonly likerKey: string | null;
  readonly likedAt: Date;
}

export interface CommentRow {
  readonly id: string;
  readonly postId: string;
  readonly username: string;
  readonly authorKey: string | null;
  comment: string;
  readonly commentDate: Date;
  editedAt: Date | null;
}

/** What becomes of one comment in a batch: its net change, whatever the steps in between. */
export type CommentChange =
  | { readonly kind: 'insert'; readonly row: CommentRow }
  | { readonly kind: 'update'; readonly id: string; comment: string; editedAt: Date }
  | { readonly kind: 'delete'; readonly id: string };

/**
 * The post-details read model's changes for a batch of events, folded in memory so that the
 * batch is written with a few set-based statements, however many events it holds. Events are
 * given in each post's version order, only the next version of each (the projector sees to it).
 * A personal field is null where its person was erased: such a post is written erased, such a
 * comment not at all, such a like counted but naming nobody.
 */
export class PostDetailsChanges {
  readonly posts = new Map<string, PostRowChange>();
  readonly likes: LikeRow[] = [];
  readonly comments = new Map<string, CommentChange>();
  /** The people erased by the batch's PersonErased events (key id → when). */
  readonly erased = new Map<string, Date>();

  apply(event: ReadablePostEventEnvelope): void {
    const post = this.post(event.aggregateId);
    post.version = event.version;
    switch (event.eventType) {
      case 'PostCreated': {
        const { author, message, datePosted } = event.data;
        post.created = {
          author,
          authorKey: event.person ?? null,
          message,
          datePosted: new Date(datePosted),
        };
        if (author === null || message === null) post.erasedAt = new Date(event.occurredAt);
        return;
      }
      case 'PostMessageEdited':
        // Null: its author was erased, and so is the post.
        if (event.data.message === null) return;
        post.message = event.data.message;
        post.editedAt = new Date(event.data.editedAt);
        return;
      case 'PostLiked': {
        const { username, likedAt } = event.data;
        post.likesAdded++;
        if (username !== null) {
          const likerKey = event.person ?? null;
          this.likes.push({
            postId: event.aggregateId,
            username,
            likerKey,
            likedAt: new Date(likedAt),
          });
        }
        return;
      }
      case 'CommentAdded': {
        const { commentId, username, comment, commentDate } = event.data;
        if (username === null || comment === null) return;
        this.comments.set(commentId, {
          kind: 'insert',
          row: {
            id: commentId,
            postId: event.aggregateId,
            username,
            authorKey: event.person ?? null,
            comment,
            commentDate: new Date(commentDate),
            editedAt: null,
          },
        });
        post.commentsAdded++;
        return;
      }
      case 'CommentEdited':
        if (event.data.comment === null) return;
        return this.editComment(
          event.data.commentId,
          event.data.comment,
          new Date(event.data.editedAt),
        );
      case 'CommentRemoved': {
        const { commentId } = event.data;
        // Added in this same batch: it never reaches the table at all. Otherwise the count goes
        // down by the rows deleted: an erased comment was never counted.
        if (this.comments.get(commentId)?.kind === 'insert') {
          this.comments.delete(commentId);
          post.commentsAdded--;
        } else {
          this.comments.set(commentId, { kind: 'delete', id: commentId });
        }
        return;
      }
      case 'PostRemoved':
        post.removedAt = new Date(event.data.removedAt);
        return;
      case 'PostReported':
        // Moderation's business: only the version moves, so that read-your-writes sees it.
        return;
      case 'PostHidden':
        post.hidden = {
          at: new Date(event.data.hiddenAt),
          reasons: event.data.reasons,
          reviewBy: new Date(event.data.reviewBy),
        };
        return;
      case 'PostShown':
        post.hidden = null;
        return;
      case 'PostTakenDown':
        post.hidden = null;
        post.removedAt = new Date(event.data.takenDownAt);
        return;
      case 'PersonErased': {
        // Their rows on every post are forgotten by key id (PostDetailsProjection), not only here.
        const erasedAt = new Date(event.data.erasedAt);
        this.erased.set(event.data.person, erasedAt);
        if (event.data.erasesAuthor) post.erasedAt = erasedAt;
        return;
      }
      default: {
        const unhandled: never = event;
        throw new Error(`Unhandled post event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  private editComment(id: string, comment: string, editedAt: Date): void {
    const change = this.comments.get(id);
    if (change?.kind === 'insert') {
      change.row.comment = comment;
      change.row.editedAt = editedAt;
    } else {
      this.comments.set(id, { kind: 'update', id, comment, editedAt });
    }
  }

  private post(id: string): PostRowChange {
    let post = this.posts.get(id);
    if (!post) {
      post = { id, likesAdded: 0, commentsAdded: 0, version: 0 };
      this.posts.set(id, post);
    }
    return post;
  }
}

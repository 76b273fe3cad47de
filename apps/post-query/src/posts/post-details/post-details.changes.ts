import type { PostEventEnvelope } from '@social-posts/post-events';

/** A post's row as one batch leaves it: inserted whole if the batch created it, else updated. */
export interface PostRowChange {
  readonly id: string;
  created?: { author: string; message: string; datePosted: Date };
  message?: string;
  editedAt?: Date;
  removedAt?: Date;
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
  readonly likedAt: Date;
}

export interface CommentRow {
  readonly id: string;
  readonly postId: string;
  readonly username: string;
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
 */
export class PostDetailsChanges {
  readonly posts = new Map<string, PostRowChange>();
  readonly likes: LikeRow[] = [];
  readonly comments = new Map<string, CommentChange>();

  apply(event: PostEventEnvelope): void {
    const post = this.post(event.aggregateId);
    post.version = event.version;
    switch (event.eventType) {
      case 'PostCreated':
        post.created = {
          author: event.data.author,
          message: event.data.message,
          datePosted: new Date(event.data.datePosted),
        };
        return;
      case 'PostMessageEdited':
        post.message = event.data.message;
        post.editedAt = new Date(event.data.editedAt);
        return;
      case 'PostLiked':
        this.likes.push({
          postId: event.aggregateId,
          username: event.data.username,
          likedAt: new Date(event.data.likedAt),
        });
        post.likesAdded++;
        return;
      case 'CommentAdded':
        this.comments.set(event.data.commentId, {
          kind: 'insert',
          row: {
            id: event.data.commentId,
            postId: event.aggregateId,
            username: event.data.username,
            comment: event.data.comment,
            commentDate: new Date(event.data.commentDate),
            editedAt: null,
          },
        });
        post.commentsAdded++;
        return;
      case 'CommentEdited':
        return this.editComment(
          event.data.commentId,
          event.data.comment,
          new Date(event.data.editedAt),
        );
      case 'CommentRemoved': {
        const { commentId } = event.data;
        // Added in this same batch: it never reaches the table at all.
        if (this.comments.get(commentId)?.kind === 'insert') this.comments.delete(commentId);
        else this.comments.set(commentId, { kind: 'delete', id: commentId });
        post.commentsAdded--;
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

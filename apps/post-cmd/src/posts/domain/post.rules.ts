import { MAX_USERNAME_LENGTH, type PostEvent } from '@social-posts/post-events';
import type { CommentState } from './comment';
import type { ActivePost, PostState } from './post';
import {
  AlreadyLiked,
  AlreadyReported,
  CommentNotFound,
  InvalidText,
  NotTheAuthor,
  PersonAlreadyErased,
  PostIsRemoved,
  PostNotFound,
  type PostRuleViolation,
} from './post.errors';

/**
 * Tabs and line breaks, but no other control character (PostgreSQL cannot store NUL) and no
 * unpaired UTF-16 surrogate (it has no UTF-8 form: it would be stored altered).
 */
export const STORABLE_TEXT = /^(?:[\t\n\r]|[^\p{Cc}\p{Cs}])*$/u;
export const UNSTORABLE_TEXT_REASON = 'must not contain control characters or unpaired surrogates';

/**
 * The text as it will be stored: trimmed, non-empty, storable, at most `maxLength` characters
 * (code points, so an emoji counts once, as the request validation counts it).
 */
export function requireText(field: string, value: string, maxLength: number): string {
  const text = value.trim();
  if (text.length === 0) throw new InvalidText(field, 'must not be empty');
  if (!STORABLE_TEXT.test(text)) throw new InvalidText(field, UNSTORABLE_TEXT_REASON);
  if ([...text].length > maxLength) {
    throw new InvalidText(field, `must be at most ${maxLength} characters`);
  }
  return text;
}

export const requireUsername = (field: string, value: string): string =>
  requireText(field, value, MAX_USERNAME_LENGTH);

/** The post, if it exists and is not removed: nothing can be done to a removed post. */
export function requireActivePost(state: PostState, postId: string): ActivePost {
  if (state.status === 'Unknown' || state.status === 'Erased') throw new PostNotFound(postId);
  if (state.status === 'Removed') throw new PostIsRemoved(postId);
  return state;
}

export function requirePostAuthor(post: ActivePost, username: string): void {
  if (post.author !== username) throw new NotTheAuthor(username, `post ${post.postId}`);
}

/** The comment exists (and is not removed) and `username` wrote it. */
export function requireOwnComment(
  post: ActivePost,
  commentId: string,
  comment: CommentState,
  username: string,
): void {
  if (comment.status !== 'Active') throw new CommentNotFound(post.postId, commentId);
  if (comment.author !== username) throw new NotTheAuthor(username, `comment ${commentId}`);
}

/**
 * Something the post's stream may hold at most once per person (`what` by `who`), and the rule
 * broken by a second one. The store keys it by the person's key id, never by their name: `who`
 * is their user name, or already their key id (`whoIsKeyId`) when the event knows no name.
 */
export interface ExclusiveClaim {
  readonly what: string;
  readonly who: string;
  readonly whoIsKeyId?: true;
  readonly refused: () => PostRuleViolation;
}

/**
 * "A user likes (or reports) a post at most once", kept by the event store rather than by the
 * loaded state: each PostLiked claims its liker within the post's stream (each PostReported its
 * reporter, each PersonErased its person), and the store refuses a second claim. The state holds no list of them, so a post
 * liked by a million users loads as fast as one liked by ten, and its snapshot stays small.
 */
export function exclusiveClaimOf(event: PostEvent): ExclusiveClaim | undefined {
  switch (event.type) {
    case 'PostLiked': {
      const { postId, username } = event.data;
      return { what: 'liked-by', who: username, refused: () => new AlreadyLiked(postId, username) };
    }
    case 'PostReported': {
      const { postId, username } = event.data;
      return {
        what: 'reported-by',
        who: username,
        refused: () => new AlreadyReported(postId, username),
      };
    }
    case 'PersonErased': {
      const { postId, person } = event.data;
      return {
        what: 'erased',
        who: person,
        whoIsKeyId: true,
        refused: () => new PersonAlreadyErased(postId),
      };
    }
    default:
      return undefined;
  }
}

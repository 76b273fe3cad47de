import type { PostEvent } from '@social-posts/post-events';
import type { PostState } from '../../posts/domain/post';
import { PostNotFound } from '../../posts/domain/post.errors';

export interface ErasePersonFromPost {
  readonly postId: string;
  /** The person's key id. */
  readonly person: string;
  /** They wrote the post. */
  readonly erasesAuthor: boolean;
  readonly at: string;
}

/**
 * Records on a post that a person who acted on it is erased: whatever the post's state (removed,
 * hidden, its author erased before), their words in its events are about to become unreadable.
 * A second erasure of the same person on the post is refused by the event store (exclusiveClaimOf).
 */
export function decideErasePersonFromPost(
  command: ErasePersonFromPost,
  state: PostState,
): PostEvent {
  if (state.status === 'Unknown') throw new PostNotFound(command.postId);
  const { postId, person, erasesAuthor, at } = command;
  return { type: 'PersonErased', data: { postId, person, erasesAuthor, erasedAt: at } };
}

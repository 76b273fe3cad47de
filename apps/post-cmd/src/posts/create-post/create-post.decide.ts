import { MAX_MESSAGE_LENGTH, hashtagsIn, type PostEvent } from '@social-posts/post-events';
import { PostAlreadyExists } from '../domain/post.errors';
import { requireText, requireUsername } from '../domain/post.rules';
import type { PostState } from '../domain/post';

export interface CreatePost {
  readonly postId: string;
  readonly author: string;
  readonly message: string;
  /** ISO-8601 instant the command was received: the post's date. */
  readonly at: string;
}

export function decideCreatePost(command: CreatePost, state: PostState): PostEvent {
  if (state.status !== 'Unknown') throw new PostAlreadyExists(command.postId);
  const message = requireText('message', command.message, MAX_MESSAGE_LENGTH);
  return {
    type: 'PostCreated',
    data: {
      postId: command.postId,
      author: requireUsername('author', command.author),
      message,
      tags: hashtagsIn(message),
      datePosted: command.at,
    },
  };
}

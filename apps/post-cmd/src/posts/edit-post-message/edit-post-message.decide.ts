import { MAX_MESSAGE_LENGTH, hashtagsIn, type PostEvent } from '@social-posts/post-events';
import type { PostState } from '../domain/post';
import {
  requireActivePost,
  requirePostAuthor,
  requireText,
  requireUsername,
} from '../domain/post.rules';

export interface EditPostMessage {
  readonly postId: string;
  readonly username: string;
  readonly message: string;
  readonly at: string;
}

export function decideEditPostMessage(command: EditPostMessage, state: PostState): PostEvent {
  const post = requireActivePost(state, command.postId);
  requirePostAuthor(post, requireUsername('username', command.username));
  const message = requireText('message', command.message, MAX_MESSAGE_LENGTH);
  return {
    type: 'PostMessageEdited',
    data: {
      postId: command.postId,
      message,
      tags: hashtagsIn(message),
      editedAt: command.at,
    },
  };
}

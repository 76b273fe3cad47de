import type { ReadablePostEvent } from '@social-posts/post-events';

/**
 * Who caused each event of one post's stream (given whole, in version order), as far as the
 * events say: the author of the post and of its edits, the liker, the commenter and the
 * comment's editor, who removed or reported the post. A removed comment does not say who removed it (its
 * author, the post's author or an admin), and an erased person is no one: undefined. Events
 * stored before commands recorded their actor are sealed with the key of the person this names
 * (docs/12-privacy.md).
 */
export function actorsOf(events: readonly ReadablePostEvent[]): (string | undefined)[] {
  let postAuthor: string | undefined;
  const commentAuthors = new Map<string, string>();
  return events.map((event) => {
    switch (event.type) {
      case 'PostCreated':
        postAuthor = event.data.author ?? undefined;
        return postAuthor;
      case 'PostMessageEdited':
        return postAuthor;
      case 'PostLiked':
        return event.data.username ?? undefined;
      case 'CommentAdded': {
        const { commentId, username } = event.data;
        if (username !== null) commentAuthors.set(commentId, username);
        return username ?? undefined;
      }
      case 'CommentEdited':
        return commentAuthors.get(event.data.commentId);
      case 'CommentRemoved':
        return undefined;
      case 'PostHidden':
      case 'PostShown':
      case 'PostTakenDown':
        // Moderation's: reports, a deadline or an admin, none of whom the event names.
        return undefined;
      case 'PostRemoved':
      case 'PostReported':
        return event.data.username ?? undefined;
    }
  });
}

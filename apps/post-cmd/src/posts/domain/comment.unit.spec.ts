import { replay } from '@social-posts/event-sourcing';
import { commentEntity, commentEntityOf, evolveComment, initialCommentState } from './comment';
import {
  COMMENT_ID,
  LATER,
  POST_ID,
  commentAdded,
  commentRemoved,
  erased,
  postCreated,
  postLiked,
} from './testing/post-history';

const commentEdited = {
  type: 'CommentEdited' as const,
  data: { postId: POST_ID, commentId: COMMENT_ID, comment: 'Edited', editedAt: LATER },
};

describe('a comment, rebuilt from its own events', () => {
  it('is erased once its author was, whatever followed, and nobody may act on it', () => {
    expect(
      replay(evolveComment, initialCommentState, [erased.commentAdded(), erased.commentEdited()]),
    ).toEqual({ status: 'Erased' });
    expect(
      replay(evolveComment, initialCommentState, [erased.commentAdded(), commentRemoved()]),
    ).toEqual({ status: 'Erased' });
  });

  it('is its author’s once added, still after an edit, and removed after a removal', () => {
    expect(replay(evolveComment, initialCommentState, [commentAdded('grace')])).toEqual({
      status: 'Active',
      author: 'grace',
    });
    expect(
      replay(evolveComment, initialCommentState, [commentAdded('grace'), commentEdited]),
    ).toEqual({ status: 'Active', author: 'grace' });
    expect(
      replay(evolveComment, initialCommentState, [commentAdded('grace'), commentRemoved()]),
    ).toEqual({ status: 'Removed', author: 'grace' });
  });

  it('is what its own events are stored as: each comment event names its comment', () => {
    for (const event of [commentAdded('grace'), commentEdited, commentRemoved()]) {
      expect(commentEntityOf(event)).toBe(commentEntity(COMMENT_ID));
    }
    expect(commentEntityOf(postCreated())).toBeUndefined();
    expect(commentEntityOf(postLiked('grace'))).toBeUndefined();
  });
});

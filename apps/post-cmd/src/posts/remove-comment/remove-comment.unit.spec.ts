import { deciderSpecification } from '@social-posts/event-sourcing/testing';
import { CommentNotFound, NotTheAuthor, PostIsRemoved, PostNotFound } from '../domain/post.errors';
import {
  COMMENT_ID,
  POST_ID,
  commentAdded,
  commentRemoved,
  postAndComment,
  postCreated,
  postRemoved,
} from '../domain/testing/post-history';
import { decideRemoveComment, type RemoveComment } from './remove-comment.decide';

const spec = deciderSpecification({
  ...postAndComment,
  decide: (command: RemoveComment, { post, comment }: typeof postAndComment.initialState) =>
    decideRemoveComment(command, post, comment),
});
const remove = (username = 'grace'): RemoveComment => ({
  postId: POST_ID,
  commentId: COMMENT_ID,
  username,
});

describe('RemoveComment', () => {
  it('lets the comment’s author remove it', () => {
    spec
      .given([postCreated(), commentAdded('grace')])
      .when(remove())
      .then({ type: 'CommentRemoved', data: { postId: POST_ID, commentId: COMMENT_ID } });
  });

  it('rejects anyone but the comment’s author', () => {
    spec
      .given([postCreated(), commentAdded('grace')])
      .when(remove('linus'))
      .thenThrows(NotTheAuthor);
  });

  it('rejects removing a comment twice', () => {
    spec
      .given([postCreated(), commentAdded('grace'), commentRemoved()])
      .when(remove())
      .thenThrows(CommentNotFound);
  });

  it('rejects an unknown post', () => {
    spec.given([]).when(remove()).thenThrows(PostNotFound);
  });

  it('rejects a removed post', () => {
    spec
      .given([postCreated(), commentAdded('grace'), postRemoved()])
      .when(remove())
      .thenThrows(PostIsRemoved);
  });
});

import { deciderSpecification } from '@social-posts/event-sourcing/testing';
import { CommentNotFound, InvalidText, NotTheAuthor, PostIsRemoved } from '../domain/post.errors';
import {
  COMMENT_ID,
  LATER,
  POST_ID,
  commentAdded,
  commentRemoved,
  postAndComment,
  postCreated,
  postRemoved,
} from '../domain/testing/post-history';
import { decideEditComment, type EditComment } from './edit-comment.decide';

const spec = deciderSpecification({
  ...postAndComment,
  decide: (command: EditComment, { post, comment }: typeof postAndComment.initialState) =>
    decideEditComment(command, post, comment),
});
const edit = (overrides: Partial<EditComment> = {}): EditComment => ({
  postId: POST_ID,
  commentId: COMMENT_ID,
  username: 'grace',
  comment: 'Nicer post',
  at: LATER,
  ...overrides,
});

describe('EditComment', () => {
  it('lets the comment’s author change it', () => {
    spec
      .given([postCreated(), commentAdded('grace')])
      .when(edit())
      .then({
        type: 'CommentEdited',
        data: { postId: POST_ID, commentId: COMMENT_ID, comment: 'Nicer post', editedAt: LATER },
      });
  });

  it('rejects anyone but the comment’s author, even the post’s author', () => {
    spec
      .given([postCreated('ada'), commentAdded('grace')])
      .when(edit({ username: 'ada' }))
      .thenThrows(NotTheAuthor);
  });

  it('rejects an unknown comment', () => {
    spec.given([postCreated()]).when(edit()).thenThrows(CommentNotFound);
  });

  it('rejects a removed comment', () => {
    spec
      .given([postCreated(), commentAdded('grace'), commentRemoved()])
      .when(edit())
      .thenThrows(CommentNotFound);
  });

  it('rejects an empty comment', () => {
    spec
      .given([postCreated(), commentAdded('grace')])
      .when(edit({ comment: ' ' }))
      .thenThrows(InvalidText);
  });

  it('rejects a comment on a removed post', () => {
    spec
      .given([postCreated(), commentAdded('grace'), postRemoved()])
      .when(edit())
      .thenThrows(PostIsRemoved);
  });
});

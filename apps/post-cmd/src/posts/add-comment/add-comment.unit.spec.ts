import { deciderSpecification } from '@social-posts/event-sourcing/testing';
import { evolve, initialPostState } from '../domain/post';
import { InvalidText, PostIsRemoved, PostNotFound } from '../domain/post.errors';
import { MAX_COMMENT_LENGTH } from '@social-posts/post-events';
import {
  COMMENT_ID,
  LATER,
  POST_ID,
  postCreated,
  postRemoved,
} from '../domain/testing/post-history';
import { decideAddComment, type AddComment } from './add-comment.decide';

const spec = deciderSpecification({
  initialState: initialPostState,
  evolve,
  decide: decideAddComment,
});
const add = (overrides: Partial<AddComment> = {}): AddComment => ({
  postId: POST_ID,
  commentId: COMMENT_ID,
  username: 'grace',
  comment: ' Nice post ',
  at: LATER,
  ...overrides,
});

describe('AddComment', () => {
  it('adds a trimmed comment with the id chosen at the edge', () => {
    spec
      .given([postCreated()])
      .when(add())
      .then({
        type: 'CommentAdded',
        data: {
          postId: POST_ID,
          commentId: COMMENT_ID,
          username: 'grace',
          comment: 'Nice post',
          commentDate: LATER,
        },
      });
  });

  it('rejects an empty comment', () => {
    spec
      .given([postCreated()])
      .when(add({ comment: '\n' }))
      .thenThrows(InvalidText);
  });

  it('rejects a comment over the limit', () => {
    spec
      .given([postCreated()])
      .when(add({ comment: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }))
      .thenThrows(InvalidText, `comment must be at most ${MAX_COMMENT_LENGTH} characters`);
  });

  it('rejects an unknown post', () => {
    spec.given([]).when(add()).thenThrows(PostNotFound);
  });

  it('rejects a removed post', () => {
    spec.given([postCreated(), postRemoved()]).when(add()).thenThrows(PostIsRemoved);
  });
});

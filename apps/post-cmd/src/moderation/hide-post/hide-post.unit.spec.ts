import { deciderSpecification } from '@social-posts/event-sourcing/testing';
import { evolve, initialPostState } from '../../posts/domain/post';
import { PostAlreadyHidden, PostIsRemoved, PostNotFound } from '../../posts/domain/post.errors';
import {
  CASE_ID,
  LATER,
  POST_ID,
  postCreated,
  postHidden,
  postRemoved,
  postReported,
  postShown,
} from '../../posts/domain/testing/post-history';
import { decideHidePost, type HidePost } from './hide-post.decide';

const spec = deciderSpecification({
  initialState: initialPostState,
  evolve,
  decide: decideHidePost,
});

const NEXT_CASE = '7c8d9e0f-1a2b-8c3d-8e4f-5a6b7c8d9e0f';
const REVIEW_BY = '2026-11-26T11:00:00.000Z';
const hide = (caseId = CASE_ID): HidePost => ({
  postId: POST_ID,
  caseId,
  reports: 3,
  reasons: ['spam', 'harassment'],
  reviewBy: REVIEW_BY,
  at: LATER,
});

const postCreatedState = () => evolve(initialPostState, postCreated());

describe('HidePost', () => {
  it('hides the post for the case, saying how many reported it, why, and until when', () => {
    spec
      .given([postCreated('ada'), postReported('grace'), postReported('linus')])
      .when(hide())
      .then({
        type: 'PostHidden',
        data: {
          postId: POST_ID,
          caseId: CASE_ID,
          reports: 3,
          reasons: ['spam', 'harassment'],
          hiddenAt: LATER,
          reviewBy: REVIEW_BY,
        },
      });
  });

  it('refuses to hide a post hidden for a case still open', () => {
    spec
      .given([postCreated(), postHidden(CASE_ID)])
      .when(hide(NEXT_CASE))
      .thenThrows(PostAlreadyHidden);
  });

  it('hides a post again, for a new case, once the last one showed it', () => {
    spec
      .given([postCreated(), postHidden(CASE_ID), postShown(CASE_ID)])
      .when(hide(NEXT_CASE))
      .then(decideHidePost(hide(NEXT_CASE), postCreatedState()));
  });

  it('refuses a removed post, and an unknown one', () => {
    spec.given([postCreated(), postRemoved()]).when(hide()).thenThrows(PostIsRemoved);
    spec.given([]).when(hide()).thenThrows(PostNotFound);
  });
});

import { deciderSpecification } from '@social-posts/event-sourcing/testing';
import type { ReportReason } from '@social-posts/post-events';
import { evolve, initialPostState } from '../domain/post';
import {
  AlreadyReported,
  OwnPostReported,
  PostIsRemoved,
  PostNotFound,
} from '../domain/post.errors';
import { exclusiveClaimOf } from '../domain/post.rules';
import {
  LATER,
  POST_ID,
  postCreated,
  postLiked,
  postRemoved,
  postReported,
} from '../domain/testing/post-history';
import { decideReportPost, type ReportPost } from './report-post.decide';

const spec = deciderSpecification({
  initialState: initialPostState,
  evolve,
  decide: decideReportPost,
});
const report = (username: string, reason: ReportReason = 'harassment'): ReportPost => ({
  postId: POST_ID,
  username,
  reason,
  at: LATER,
});

describe('ReportPost', () => {
  it('records who reported the post, and why', () => {
    spec
      .given([postCreated('ada'), postLiked('grace')])
      .when(report('grace'))
      .then({
        type: 'PostReported',
        data: { postId: POST_ID, username: 'grace', reason: 'harassment', reportedAt: LATER },
      });
  });

  it('takes reports from different users', () => {
    spec
      .given([postCreated('ada'), postReported('grace')])
      .when(report('linus', 'spam'))
      .then({
        type: 'PostReported',
        data: { postId: POST_ID, username: 'linus', reason: 'spam', reportedAt: LATER },
      });
  });

  it('claims its reporter, so that the event store refuses a second report by the same user', () => {
    const claim = exclusiveClaimOf(postReported('grace'));

    expect(claim).toMatchObject({ what: 'reported-by', who: 'grace' });
    expect(claim?.what).not.toBe(exclusiveClaimOf(postLiked('grace'))?.what);
    expect(claim?.refused()).toEqual(new AlreadyReported(POST_ID, 'grace'));
  });

  it('refuses a report of one’s own post', () => {
    spec
      .given([postCreated('ada')])
      .when(report('ada'))
      .thenThrows(OwnPostReported);
  });

  it('refuses a report of an unknown post', () => {
    spec.given([]).when(report('grace')).thenThrows(PostNotFound);
  });

  it('refuses a report of a removed post', () => {
    spec.given([postCreated(), postRemoved()]).when(report('grace')).thenThrows(PostIsRemoved);
  });
});

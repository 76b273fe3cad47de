import { deciderSpecification } from '@social-posts/event-sourcing/testing';
import { evolve, initialPostState } from '../../posts/domain/post';
import { CaseNotOpen, PostIsRemoved } from '../../posts/domain/post.errors';
import {
  CASE_ID,
  LATER,
  POST_ID,
  postCreated,
  postHidden,
  postRemoved,
  postShown,
} from '../../posts/domain/testing/post-history';
import { decideCase, type DecideCase } from './decide-case.decide';

const spec = deciderSpecification({ initialState: initialPostState, evolve, decide: decideCase });

const decide = (decision: DecideCase['decision'], decidedBy: DecideCase['decidedBy']) => ({
  postId: POST_ID,
  caseId: CASE_ID,
  decision,
  decidedBy,
  at: LATER,
});

describe('DecideCase', () => {
  it('shows the post again when it is kept', () => {
    spec
      .given([postCreated(), postHidden()])
      .when(decide('keep', 'moderator'))
      .then({
        type: 'PostShown',
        data: { postId: POST_ID, caseId: CASE_ID, decidedBy: 'moderator', shownAt: LATER },
      });
  });

  it('takes the post down when it is removed, by a moderator or by the deadline’s default', () => {
    spec
      .given([postCreated(), postHidden()])
      .when(decide('remove', 'deadline'))
      .then({
        type: 'PostTakenDown',
        data: { postId: POST_ID, caseId: CASE_ID, decidedBy: 'deadline', takenDownAt: LATER },
      });
  });

  it('refuses a second decision: whichever of the moderator and the deadline came first won', () => {
    spec
      .given([postCreated(), postHidden(), postShown()])
      .when(decide('remove', 'deadline'))
      .thenThrows(CaseNotOpen);
  });

  it('refuses a decision for a case the post was never hidden for', () => {
    spec.given([postCreated()]).when(decide('keep', 'moderator')).thenThrows(CaseNotOpen);
  });

  it('has nothing to decide once the author removed the post', () => {
    spec
      .given([postCreated(), postHidden(), postRemoved()])
      .when(decide('keep', 'deadline'))
      .thenThrows(PostIsRemoved);
  });

  it('leaves a post taken down removed', () => {
    const state = [postCreated(), postHidden()].reduce(evolve, initialPostState);
    const event = decideCase(decide('remove', 'moderator'), state);
    expect(evolve(state, event)).toMatchObject({ status: 'Removed', hiddenFor: null });
  });
});

import { deciderSpecification } from '@social-posts/event-sourcing/testing';
import { evolve, initialPostState } from '../domain/post';
import { NotTheAuthor, PostIsRemoved, PostNotFound } from '../domain/post.errors';
import { LATER, POST_ID, postCreated, postRemoved } from '../domain/testing/post-history';
import { decideRemovePost, type RemovePost } from './remove-post.decide';

const spec = deciderSpecification({
  initialState: initialPostState,
  evolve,
  decide: decideRemovePost,
});
const remove = (username = 'ada'): RemovePost => ({ postId: POST_ID, username, at: LATER });

describe('RemovePost', () => {
  it('lets the author remove the post', () => {
    spec
      .given([postCreated('ada')])
      .when(remove())
      .then({ type: 'PostRemoved', data: { postId: POST_ID, username: 'ada', removedAt: LATER } });
  });

  it('rejects anyone but the author', () => {
    spec
      .given([postCreated('ada')])
      .when(remove('grace'))
      .thenThrows(NotTheAuthor);
  });

  it('rejects removing a post twice', () => {
    spec.given([postCreated(), postRemoved()]).when(remove()).thenThrows(PostIsRemoved);
  });

  it('rejects an unknown post', () => {
    spec.given([]).when(remove()).thenThrows(PostNotFound);
  });
});

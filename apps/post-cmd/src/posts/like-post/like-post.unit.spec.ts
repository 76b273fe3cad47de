import { deciderSpecification } from '@social-posts/event-sourcing/testing';
import { evolve, initialPostState } from '../domain/post';
import { AlreadyLiked, InvalidText, PostIsRemoved, PostNotFound } from '../domain/post.errors';
import { exclusiveClaimOf } from '../domain/post.rules';
import {
  LATER,
  POST_ID,
  postCreated,
  postLiked,
  postRemoved,
} from '../domain/testing/post-history';
import { decideLikePost, type LikePost } from './like-post.decide';

const spec = deciderSpecification({
  initialState: initialPostState,
  evolve,
  decide: decideLikePost,
});
const like = (username: string): LikePost => ({ postId: POST_ID, username, at: LATER });

describe('LikePost', () => {
  it('records who liked the post', () => {
    spec
      .given([postCreated()])
      .when(like('grace'))
      .then({ type: 'PostLiked', data: { postId: POST_ID, username: 'grace', likedAt: LATER } });
  });

  it('lets the author like their own post', () => {
    spec
      .given([postCreated('ada')])
      .when(like('ada'))
      .then({
        type: 'PostLiked',
        data: { postId: POST_ID, username: 'ada', likedAt: LATER },
      });
  });

  it('claims its liker, so that the event store refuses a second like by the same user', () => {
    const first = exclusiveClaimOf(postLiked('grace'));
    const second = exclusiveClaimOf(postLiked('grace'));

    expect(first).toMatchObject({ what: 'liked-by', who: 'grace' });
    expect(second).toMatchObject({ what: first?.what, who: first?.who });
    expect(exclusiveClaimOf(postLiked('linus'))?.who).toBe('linus');
    expect(second?.refused()).toEqual(new AlreadyLiked(POST_ID, 'grace'));
    expect(exclusiveClaimOf(postCreated())).toBeUndefined();
  });

  it('accepts likes from different users', () => {
    spec
      .given([postCreated(), postLiked('grace')])
      .when(like('linus'))
      .then({
        type: 'PostLiked',
        data: { postId: POST_ID, username: 'linus', likedAt: LATER },
      });
  });

  it('rejects an empty user name', () => {
    spec.given([postCreated()]).when(like(' ')).thenThrows(InvalidText);
  });

  it('rejects an unknown post', () => {
    spec.given([]).when(like('grace')).thenThrows(PostNotFound);
  });

  it('rejects a removed post', () => {
    spec.given([postCreated(), postRemoved()]).when(like('grace')).thenThrows(PostIsRemoved);
  });
});

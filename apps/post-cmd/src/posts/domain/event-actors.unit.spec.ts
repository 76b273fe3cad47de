import { actorsOf } from './event-actors';
import {
  COMMENT_ID,
  commentAdded,
  commentRemoved,
  postCreated,
  postLiked,
  postRemoved,
  AT,
  POST_ID,
} from './testing/post-history';

describe('actorsOf', () => {
  it('given a post’s stream, names who caused each event: the author, likers, commenters, the remover', () => {
    const events = [
      postCreated('ada', 'Hello'),
      {
        type: 'PostMessageEdited' as const,
        data: { postId: POST_ID, message: 'Hi', tags: [], editedAt: AT },
      },
      postLiked('grace'),
      commentAdded('linus'),
      {
        type: 'CommentEdited' as const,
        data: { postId: POST_ID, commentId: COMMENT_ID, comment: 'Hm', editedAt: AT },
      },
      commentRemoved(),
      postRemoved('root'),
    ];

    expect(actorsOf(events)).toEqual(['ada', 'ada', 'grace', 'linus', 'linus', undefined, 'root']);
  });
});

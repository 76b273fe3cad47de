import { deciderSpecification } from '@social-posts/event-sourcing/testing';
import { evolve, initialPostState } from '../domain/post';
import { InvalidText, NotTheAuthor, PostIsRemoved, PostNotFound } from '../domain/post.errors';
import { LATER, POST_ID, postCreated, postRemoved } from '../domain/testing/post-history';
import { decideEditPostMessage, type EditPostMessage } from './edit-post-message.decide';

const spec = deciderSpecification({
  initialState: initialPostState,
  evolve,
  decide: decideEditPostMessage,
});
const edit = (overrides: Partial<EditPostMessage> = {}): EditPostMessage => ({
  postId: POST_ID,
  username: 'ada',
  message: ' Hello again ',
  at: LATER,
  ...overrides,
});

describe('EditPostMessage', () => {
  it('lets the author replace the message, trimmed', () => {
    spec
      .given([postCreated()])
      .when(edit())
      .then({
        type: 'PostMessageEdited',
        data: { postId: POST_ID, message: 'Hello again', tags: [], editedAt: LATER },
      });
  });

  it('rejects anyone but the author', () => {
    spec
      .given([postCreated()])
      .when(edit({ username: 'grace' }))
      .thenThrows(NotTheAuthor);
  });

  it('rejects an empty message', () => {
    spec
      .given([postCreated()])
      .when(edit({ message: '  ' }))
      .thenThrows(InvalidText);
  });

  it('rejects an unknown post', () => {
    spec.given([]).when(edit()).thenThrows(PostNotFound);
  });

  it('rejects a removed post', () => {
    spec.given([postCreated(), postRemoved()]).when(edit()).thenThrows(PostIsRemoved);
  });
});

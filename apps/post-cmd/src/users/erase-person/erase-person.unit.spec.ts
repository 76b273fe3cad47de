import { deciderSpecification } from '@social-posts/event-sourcing/testing';
import type { StoredPostEventEnvelope } from '@social-posts/post-events';
import { decideEditPostMessage } from '../../posts/edit-post-message/edit-post-message.decide';
import { evolve, initialPostState } from '../../posts/domain/post';
import { PostNotFound } from '../../posts/domain/post.errors';
import {
  LATER,
  POST_ID,
  erased,
  postCreated,
  postLiked,
  postRemoved,
} from '../../posts/domain/testing/post-history';
import { decideErasePersonFromPost, type ErasePersonFromPost } from './erase-person.decide';
import { touchedPosts } from './touched-posts';

const spec = deciderSpecification({
  initialState: initialPostState,
  evolve,
  decide: decideErasePersonFromPost,
});

const erase = (erasesAuthor: boolean): ErasePersonFromPost => ({
  postId: POST_ID,
  person: 'key-of-ada',
  erasesAuthor,
  at: LATER,
});

const personErased = (erasesAuthor: boolean) =>
  ({
    type: 'PersonErased',
    data: { postId: POST_ID, person: 'key-of-ada', erasesAuthor, erasedAt: LATER },
  }) as const;

describe('ErasePerson, on one post', () => {
  it('records the erasure of someone who acted on the post', () => {
    spec
      .given([postCreated('grace'), postLiked('ada')])
      .when(erase(false))
      .then(personErased(false));
  });

  it('records it on a removed post too: its events still hold their words', () => {
    spec
      .given([postCreated('ada'), postRemoved()])
      .when(erase(true))
      .then(personErased(true));
  });

  it('records it on a post whose author was erased before', () => {
    spec
      .given([erased.postCreated(), postLiked('ada')])
      .when(erase(false))
      .then(personErased(false));
  });

  it('rejects a post that does not exist', () => {
    spec.given([]).when(erase(false)).thenThrows(PostNotFound);
  });

  it('leaves a post whose author it erases erased at once, whatever key a process still holds', () => {
    const edit = deciderSpecification({
      initialState: initialPostState,
      evolve,
      decide: decideEditPostMessage,
    });
    edit
      .given([postCreated('ada'), personErased(true)])
      .when({ postId: POST_ID, username: 'ada', message: 'Back again', at: LATER })
      .thenThrows(PostNotFound);
  });
});

describe('touchedPosts: where a person acted, from their events', () => {
  const event = (aggregateId: string, eventType: StoredPostEventEnvelope['eventType']) =>
    ({ aggregateId, eventType }) as StoredPostEventEnvelope;

  it('names each post once, and whether the person wrote it', () => {
    expect(
      touchedPosts([
        event('p1', 'PostCreated'),
        event('p1', 'PostMessageEdited'),
        event('p2', 'PostLiked'),
        event('p2', 'CommentAdded'),
        event('p3', 'CommentAdded'),
      ]),
    ).toEqual(
      new Map([
        ['p1', true],
        ['p2', false],
        ['p3', false],
      ]),
    );
  });
});

import { MAX_MESSAGE_LENGTH, type PostCreatedV2, type PostEvent } from '@social-posts/post-events';
import { deciderSpecification } from '@social-posts/event-sourcing/testing';
import { evolve, initialPostState } from '../domain/post';
import { InvalidText, PostAlreadyExists } from '../domain/post.errors';
import { UNSTORABLE_TEXT_REASON } from '../domain/post.rules';
import { decideCreatePost, type CreatePost } from './create-post.decide';

const spec = deciderSpecification({
  initialState: initialPostState,
  evolve,
  decide: decideCreatePost,
});

const postId = '5f0c2f5e-8a43-4a8e-9d0e-7c1b8f1f3a01';
const at = '2026-11-25T10:00:00.000Z';
const command = (overrides: Partial<CreatePost> = {}): CreatePost => ({
  postId,
  author: 'ada',
  message: 'Hello, world',
  at,
  ...overrides,
});
const created: PostCreatedV2 = {
  postId,
  author: 'ada',
  message: 'Hello, world',
  tags: [],
  datePosted: at,
};
const postCreated: PostEvent = { type: 'PostCreated', data: created };
const postCreatedWith = (change: Partial<PostCreatedV2>): PostEvent => ({
  type: 'PostCreated',
  data: { ...created, ...change },
});

describe('CreatePost', () => {
  it('creates a post dated when the command was received', () => {
    spec.given([]).when(command()).then(postCreated);
  });

  it('stores the message and author trimmed', () => {
    spec
      .given([])
      .when(command({ author: '  ada ', message: '\n Hello, world \t' }))
      .then(postCreated);
  });

  it('rejects a message that is empty once trimmed', () => {
    spec
      .given([])
      .when(command({ message: ' \n\t ' }))
      .thenThrows(InvalidText, 'message must not be empty');
  });

  it('rejects a message longer than the limit, counting characters rather than UTF-16 units', () => {
    spec
      .given([])
      .when(command({ message: '😀'.repeat(MAX_MESSAGE_LENGTH) }))
      .then(postCreatedWith({ message: '😀'.repeat(MAX_MESSAGE_LENGTH) }));
    spec
      .given([])
      .when(command({ message: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) }))
      .thenThrows(InvalidText, `message must be at most ${MAX_MESSAGE_LENGTH} characters`);
  });

  it.each([
    ['a NUL character', 'a\u0000b'],
    ['an unpaired surrogate', 'broken \ud800'],
  ])('rejects a message with %s, which cannot be stored as it is', (_, message) => {
    spec
      .given([])
      .when(command({ message }))
      .thenThrows(InvalidText, `message ${UNSTORABLE_TEXT_REASON}`);
  });

  it('keeps line breaks, tabs and emoji in a message', () => {
    const message = 'line one\n\tline two 👩‍👩‍👧';
    spec.given([]).when(command({ message })).then(postCreatedWith({ message }));
  });

  it('records the hashtags of the message, normalised, once each, in order', () => {
    const message = 'Off to #Lisbon for #NestJS week: #lisbon again, #2026 is no tag, a#b neither';
    spec
      .given([])
      .when(command({ message }))
      .then(postCreatedWith({ message, tags: ['lisbon', 'nestjs'] }));
  });

  it('rejects an empty author', () => {
    spec
      .given([])
      .when(command({ author: '   ' }))
      .thenThrows(InvalidText, 'author must not be empty');
  });

  it('rejects creating a post that already exists', () => {
    spec.given([postCreated]).when(command()).thenThrows(PostAlreadyExists);
  });
});

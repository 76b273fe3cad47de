import { hashtagsIn, type PostEvent, type PostEventEnvelope } from '@social-posts/post-events';
import { envelope } from '@test/support/post-event-fixtures';
import {
  AT,
  COMMENT_ID,
  POST_ID,
  commentAdded,
  commentRemoved,
  postCreated,
  postLiked,
  postReported,
} from '../domain/testing/post-history';
import { authorHistory, publicHistory, publicMessage } from './public-history';

const OTHER_COMMENT = '1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b';

const messageEdited = (message: string): PostEvent => ({
  type: 'PostMessageEdited',
  data: { postId: POST_ID, message, tags: hashtagsIn(message), editedAt: AT },
});
const commentEdited = (comment: string, commentId = COMMENT_ID): PostEvent => ({
  type: 'CommentEdited',
  data: { postId: POST_ID, commentId, comment, editedAt: AT },
});

/** The events as stored: versions 1, 2, 3 ... */
const stream = (...events: PostEvent[]): PostEventEnvelope[] =>
  events.map(({ type, data }, index) => envelope(POST_ID, index + 1, type, data));

/** What each event of the public history shows of the words in it, by version. */
const wordsShown = (events: readonly PostEventEnvelope[]) =>
  publicHistory(events).map((event) => ({
    version: event.version,
    eventType: event.eventType,
    ...('withheld' in event ? { withheld: event.withheld } : {}),
    data: event.data,
  }));

describe('publicHistory', () => {
  it('given a post never edited, shows every event as stored', () => {
    const events = stream(postCreated('ada', 'Hello #cqrs'), postLiked('grace'));

    expect(publicHistory(events)).toEqual(events);
  });

  it('given an edited message, withholds the replaced text and its tags, keeps the current one', () => {
    const events = stream(postCreated('ada', 'First #draft'), messageEdited('Final #cqrs'));

    expect(wordsShown(events)).toEqual([
      {
        version: 1,
        eventType: 'PostCreated',
        withheld: ['message', 'tags'],
        data: { ...events[0]!.data, message: null, tags: null },
      },
      { version: 2, eventType: 'PostMessageEdited', data: events[1]!.data },
    ]);
  });

  it('given a message edited back to an earlier text, shows every event with the current text', () => {
    const events = stream(
      postCreated('ada', 'Same'),
      messageEdited('Other'),
      messageEdited('Same'),
    );

    expect(wordsShown(events).map((event) => event.withheld)).toEqual([
      undefined,
      ['message', 'tags'],
      undefined,
    ]);
  });

  it('given a removed comment, withholds every text it had and keeps who wrote it and when', () => {
    const events = stream(
      postCreated(),
      commentAdded('grace'),
      commentEdited('Nice post, really'),
      commentRemoved(),
    );

    const shown = wordsShown(events);

    expect(shown[1]).toEqual({
      version: 2,
      eventType: 'CommentAdded',
      withheld: ['comment'],
      data: {
        postId: POST_ID,
        commentId: COMMENT_ID,
        username: 'grace',
        comment: null,
        commentDate: AT,
      },
    });
    expect(shown[2]).toMatchObject({ withheld: ['comment'], data: { comment: null } });
    expect(shown[3]).toEqual({ version: 4, eventType: 'CommentRemoved', data: events[3]!.data });
  });

  it('given an edited comment, withholds its replaced text only, and leaves other comments alone', () => {
    const events = stream(
      postCreated(),
      commentAdded('grace'),
      commentAdded('linus', OTHER_COMMENT),
      commentEdited('Better words'),
    );

    expect(wordsShown(events).map((event) => event.withheld)).toEqual([
      undefined,
      ['comment'],
      undefined,
      undefined,
    ]);
  });

  it('leaves the events it was given unchanged', () => {
    const events = stream(postCreated('ada', 'First'), messageEdited('Final'));
    const before = structuredClone(events);

    publicHistory(events);

    expect(events).toEqual(before);
  });
});

describe('who reported a post', () => {
  const events = stream(postCreated('ada', 'Hello'), postReported('grace'));
  const reporterWithheld = {
    version: 2,
    eventType: 'PostReported',
    withheld: ['username'],
    data: { ...events[1]!.data, username: null },
  };

  it('is withheld from the public, which still sees that the post was reported and why', () => {
    expect(wordsShown(events)).toEqual([
      { version: 1, eventType: 'PostCreated', data: events[0]!.data },
      reporterWithheld,
    ]);
  });

  it('is withheld from the post’s author, who reads the rest whole', () => {
    const edited = stream(postCreated('ada', 'First'), messageEdited('Final'));
    expect(authorHistory(edited)).toEqual(edited);

    expect(authorHistory(events)[1]).toMatchObject(reporterWithheld);
  });
});

describe('publicMessage', () => {
  it('shows a past message that is still the message', () => {
    expect(publicMessage('Hello', 'Hello')).toBe('Hello');
  });

  it('withholds a past message an edit replaced', () => {
    expect(publicMessage('First draft', 'Final')).toBeNull();
  });
});

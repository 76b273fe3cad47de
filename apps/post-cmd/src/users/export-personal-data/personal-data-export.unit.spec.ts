import type { PostEventEnvelope } from '@social-posts/post-events';
import { envelope } from '@test/support/post-event-fixtures';
import { personalDataExport } from './personal-data-export';

const ADAS_POST = '1a000000-0000-4000-8000-000000000001';
const GRACES_POST = '2b000000-0000-4000-8000-000000000002';
const ADAS_COMMENT = '3c000000-0000-4000-8000-000000000003';
const GRACES_COMMENT = '4d000000-0000-4000-8000-000000000004';
const EXPORTED_AT = '2026-12-06T12:00:00.000Z';

/** The event as stored at `occurredAt`. */
const at = (event: PostEventEnvelope, occurredAt: string): PostEventEnvelope => ({
  ...event,
  occurredAt,
});

describe('personalDataExport', () => {
  it('given nothing stored for the person, exports empty lists', () => {
    expect(personalDataExport('ada', [], EXPORTED_AT)).toEqual({
      username: 'ada',
      exportedAt: EXPORTED_AT,
      posts: [],
      comments: [],
      likes: [],
      reports: [],
      removals: [],
    });
  });

  it('given a post she wrote, edited and removed, exports each version of it and the removal', () => {
    const events = [
      at(
        envelope(ADAS_POST, 1, 'PostCreated', {
          postId: ADAS_POST,
          author: 'ada',
          message: 'First #draft',
          tags: ['draft'],
          datePosted: 'ignored',
        }),
        'T1',
      ),
      at(
        envelope(ADAS_POST, 3, 'PostMessageEdited', {
          postId: ADAS_POST,
          message: 'Final',
          tags: [],
          editedAt: 'ignored',
        }),
        'T3',
      ),
      at(
        envelope(ADAS_POST, 5, 'PostRemoved', {
          postId: ADAS_POST,
          username: 'ada',
          removedAt: 'ignored',
        }),
        'T5',
      ),
    ];

    expect(personalDataExport('ada', events, EXPORTED_AT).posts).toEqual([
      {
        postId: ADAS_POST,
        createdAt: 'T1',
        versions: [
          { version: 1, occurredAt: 'T1', message: 'First #draft', tags: ['draft'] },
          { version: 3, occurredAt: 'T3', message: 'Final', tags: [] },
        ],
        removedAt: 'T5',
      },
    ]);
  });

  it('given her comment, its edit and a like on someone else’s post, exports them', () => {
    const events = [
      at(
        envelope(GRACES_POST, 2, 'PostLiked', {
          postId: GRACES_POST,
          username: 'ada',
          likedAt: 'ignored',
        }),
        'T2',
      ),
      at(
        envelope(GRACES_POST, 4, 'CommentAdded', {
          postId: GRACES_POST,
          commentId: ADAS_COMMENT,
          username: 'ada',
          comment: 'Nice',
          commentDate: 'ignored',
        }),
        'T4',
      ),
      at(
        envelope(GRACES_POST, 6, 'CommentEdited', {
          postId: GRACES_POST,
          commentId: ADAS_COMMENT,
          comment: 'Very nice',
          editedAt: 'ignored',
        }),
        'T6',
      ),
      at(
        envelope(GRACES_POST, 7, 'CommentRemoved', {
          postId: GRACES_POST,
          commentId: ADAS_COMMENT,
        }),
        'T7',
      ),
    ];

    const exported = personalDataExport('ada', events, EXPORTED_AT);

    expect(exported.likes).toEqual([{ postId: GRACES_POST, likedAt: 'T2' }]);
    expect(exported.comments).toEqual([
      {
        postId: GRACES_POST,
        commentId: ADAS_COMMENT,
        versions: [
          { version: 4, occurredAt: 'T4', comment: 'Nice' },
          { version: 6, occurredAt: 'T6', comment: 'Very nice' },
        ],
        removedAt: 'T7',
      },
    ]);
    expect(exported.removals).toEqual([]);
  });

  it('given a post she reported, exports the report and its reason', () => {
    const events = [
      at(
        envelope(GRACES_POST, 3, 'PostReported', {
          postId: GRACES_POST,
          username: 'ada',
          reason: 'spam',
          reportedAt: 'ignored',
        }),
        'T3',
      ),
    ];

    const exported = personalDataExport('ada', events, EXPORTED_AT);

    expect(exported.reports).toEqual([{ postId: GRACES_POST, reason: 'spam', reportedAt: 'T3' }]);
    expect(exported.likes).toEqual([]);
  });

  it('given a post and a comment of others that she removed, exports them as removals, not as hers', () => {
    const events = [
      at(
        envelope(GRACES_POST, 3, 'CommentRemoved', {
          postId: GRACES_POST,
          commentId: GRACES_COMMENT,
        }),
        'T3',
      ),
      at(
        envelope(GRACES_POST, 4, 'PostRemoved', {
          postId: GRACES_POST,
          username: 'ada',
          removedAt: 'ignored',
        }),
        'T4',
      ),
    ];

    const exported = personalDataExport('ada', events, EXPORTED_AT);

    expect(exported.removals).toEqual([
      { postId: GRACES_POST, commentId: GRACES_COMMENT, removedAt: 'T3' },
      { postId: GRACES_POST, commentId: null, removedAt: 'T4' },
    ]);
    expect(exported.posts).toEqual([]);
    expect(exported.comments).toEqual([]);
  });
});

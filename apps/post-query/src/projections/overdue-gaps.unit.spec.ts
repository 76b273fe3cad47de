import { envelope } from '@test/support/post-event-fixtures';
import type { HeldPost } from './held-events';
import { overdueGaps } from './overdue-gaps';

const POST = '7b0c3c37-1f1c-4a8e-9a55-5f1f4a0f0a01';
const NOW = new Date('2026-12-03T12:00:00.000Z');

const heldSince = (secondsAgo: number, versions: number[]): HeldPost => ({
  postId: POST,
  events: versions.map((version) =>
    envelope(POST, version, 'PostLiked', { postId: POST, username: 'grace', likedAt: '' }),
  ),
  since: new Date(NOW.getTime() - secondsAgo * 1000),
});

describe('gaps that stay open (guarantee 4: park what waits too long)', () => {
  it('parks a post whose oldest held event waited longer than the bound, naming the missing version', () => {
    const post = heldSince(61, [4, 5]);

    expect(overdueGaps([post], NOW, 60_000)).toEqual([
      { post, reason: `version 3 of post ${POST} did not arrive within 60000 ms` },
    ]);
  });

  it('keeps holding a gap younger than the bound: the missing version may still come', () => {
    expect(overdueGaps([heldSince(59, [4])], NOW, 60_000)).toEqual([]);
  });
});

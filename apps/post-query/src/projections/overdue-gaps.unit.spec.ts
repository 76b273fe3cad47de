import { envelope } from '@test/support/post-event-fixtures';
import type { HeldPost } from './held-events';
import { overdueGaps } from './overdue-gaps';

const POST = '7b0c3c37-1f1c-4a8e-9a55-5f1f4a0f0a01';
const NOW = new Date('2026-12-03T12:00:00.000Z');

const secondsAgo = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

/** Versions held, each with how many seconds ago it arrived. */
const held = (arrived: Record<number, number>): HeldPost => {
  const versions = Object.keys(arrived).map(Number);
  const arrivals = versions.map((version) => secondsAgo(arrived[version]!));
  return {
    postId: POST,
    events: versions.map((version) =>
      envelope(POST, version, 'PostLiked', { postId: POST, username: 'grace', likedAt: '' }),
    ),
    arrivals,
    since: new Date(Math.min(...arrivals.map((arrival) => arrival.getTime()))),
  };
};

/** The live builds have applied up to `version` of the post. */
const liveAt = (version: number) => new Map([[POST, version + 1]]);

describe('gaps that stay open (guarantee 4: park what waits too long)', () => {
  it('parks a post the live builds waited for longer than the bound, naming the missing version', () => {
    const post = held({ 4: 61, 5: 30 });

    expect(overdueGaps([post], liveAt(2), NOW, 60_000)).toEqual([
      { post, reason: `version 3 of post ${POST} did not arrive within 60000 ms` },
    ]);
  });

  it('keeps holding a gap younger than the bound: the missing version may still come', () => {
    expect(overdueGaps([held({ 4: 59 })], liveAt(2), NOW, 60_000)).toEqual([]);
  });

  it('counts a post no live build has seen as waiting for its first version', () => {
    expect(overdueGaps([held({ 2: 61 })], new Map(), NOW, 60_000)).toHaveLength(1);
  });

  it('never parks for events held only for a build under way, however long its republish takes', () => {
    expect(overdueGaps([held({ 2: 3_600, 3: 3_000 })], liveAt(3), NOW, 60_000)).toEqual([]);
  });

  it('times a live gap from its own events, not from older ones held for a build', () => {
    const post = held({ 2: 3_600, 5: 10 });

    expect(overdueGaps([post], liveAt(3), NOW, 60_000)).toEqual([]);
  });
});

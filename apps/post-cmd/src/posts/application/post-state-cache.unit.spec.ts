import type { CommentState } from '../domain/comment';
import type { ActivePost } from '../domain/post';
import { approximateBytes, PostStateCache, type CachedPost } from './post-state-cache';

const postAt = (postId: string, version: number, message = 'Hello'): CachedPost => {
  const state: ActivePost = {
    status: 'Active',
    postId,
    author: 'ada',
    message,
    datePosted: '2026-12-03T10:00:00.000Z',
    likes: version - 1,
    hiddenFor: null,
  };
  return {
    post: { state, version, snapshotVersion: 0 },
    comments: new Map<string, CommentState>(),
  };
};

describe('the post state cache', () => {
  it('answers what was last set for a post, and nothing for a post never set', () => {
    const cache = new PostStateCache({ maxEntries: 10, maxBytes: 1_000_000 });
    cache.set('p1', postAt('p1', 1));
    cache.set('p1', postAt('p1', 2));

    expect(cache.get('p1')?.post.version).toBe(2);
    expect(cache.get('p2')).toBeUndefined();
  });

  it('holds at most maxEntries posts, dropping the least recently used', () => {
    const cache = new PostStateCache({ maxEntries: 2, maxBytes: 1_000_000 });
    cache.set('p1', postAt('p1', 1));
    cache.set('p2', postAt('p2', 1));
    cache.get('p1');
    cache.set('p3', postAt('p3', 1));

    expect([cache.get('p1'), cache.get('p2'), cache.get('p3')].map((e) => e?.post.version)).toEqual(
      [1, undefined, 1],
    );
    expect(cache.size).toBe(2);
  });

  it('holds at most maxBytes of states, however few posts', () => {
    const big = postAt('p1', 1, 'x'.repeat(1_000));
    const bytes = approximateBytes(big);
    const cache = new PostStateCache({ maxEntries: 100, maxBytes: 2 * bytes + 10 });
    for (const postId of ['p1', 'p2', 'p3'])
      cache.set(postId, postAt(postId, 1, 'x'.repeat(1_000)));

    expect(cache.size).toBe(2);
    expect(cache.totalBytes).toBeLessThanOrEqual(2 * bytes + 10);
    expect(cache.get('p1')).toBeUndefined();
  });

  it('keeps nothing when turned off, and forgets a post when told', () => {
    const off = new PostStateCache({ maxEntries: 0, maxBytes: 1_000_000 });
    off.set('p1', postAt('p1', 1));
    const on = new PostStateCache({ maxEntries: 10, maxBytes: 1_000_000 });
    on.set('p1', postAt('p1', 1));
    on.delete('p1');

    expect([off.get('p1'), on.get('p1'), on.totalBytes]).toEqual([undefined, undefined, 0]);
  });
});

import { performance } from 'node:perf_hooks';
import { replay } from '@social-posts/event-sourcing';
import type { PostEvent } from '@social-posts/post-events';
import { evolve, initialPostState } from './post';
import { PostNotFound } from './post.errors';
import { requireActivePost } from './post.rules';
import {
  POST_ID,
  commentAdded,
  commentRemoved,
  erased,
  postCreated,
  postLiked,
} from './testing/post-history';

const replayTimed = (events: readonly PostEvent[]) => {
  const started = performance.now();
  const state = replay(evolve, initialPostState, events);
  return { state, ms: performance.now() - started };
};

const commentId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('evolve', () => {
  // A replay that copied the likers on every like (as this code once did) needs about
  // 5 billion element copies for 100k likes: minutes, not the 2 s allowed here.
  it('replays 100,000 likes in linear time', () => {
    const likes = Array.from({ length: 100_000 }, (_, n) => postLiked(`fan-${n}`));

    const { state, ms } = replayTimed([postCreated(), ...likes]);

    expect(state).toMatchObject({ status: 'Active', likes: 100_000 });
    expect(ms).toBeLessThan(2_000);
  });

  // Copying the comments on each one (as this code once did), 50k comments take about 50 s.
  it('replays 100,000 comments, and half of them removed, in linear time, holding none', () => {
    const added = Array.from({ length: 100_000 }, (_, n) => commentAdded(`fan-${n}`, commentId(n)));
    const removed = Array.from({ length: 50_000 }, (_, n) => commentRemoved(commentId(2 * n)));

    const { state, ms } = replayTimed([postCreated(), ...added, ...removed]);

    expect(state).toEqual(replay(evolve, initialPostState, [postCreated()]));
    expect(ms).toBeLessThan(2_000);
  });

  it('leaves the state it was given unchanged', () => {
    const before = replay(evolve, initialPostState, [postCreated()]);

    evolve(before, postLiked('linus'));

    expect(before).toMatchObject({ likes: 0 });
  });

  describe('given a post whose author was erased (their words read back as null)', () => {
    it('is erased, and stays erased as others go on liking and commenting', () => {
      expect(
        replay(evolve, initialPostState, [
          erased.postCreated(),
          postLiked('grace'),
          commentAdded('linus'),
        ]),
      ).toEqual({ status: 'Erased', postId: POST_ID });
    });

    it('keeps the likes of an erased liker in the count', () => {
      expect(
        replay(evolve, initialPostState, [postCreated(), erased.postLiked(), postLiked('grace')]),
      ).toMatchObject({ status: 'Active', likes: 2 });
    });

    it('is found by no command', () => {
      const state = replay(evolve, initialPostState, [erased.postCreated()]);

      expect(() => requireActivePost(state, POST_ID)).toThrow(new PostNotFound(POST_ID));
    });
  });
});

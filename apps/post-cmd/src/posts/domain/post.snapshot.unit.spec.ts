import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replay } from '@social-posts/event-sourcing';
import { evolve, initialPostState, type PostState } from './post';
import { POST_STATE_VERSION } from './post.snapshot';
import { commentAdded, postCreated, postLiked, postRemoved } from './testing/post-history';

describe('a snapshot of a post', () => {
  it('is the state itself, plain data that a store keeps as JSON', () => {
    const state = replay(evolve, initialPostState, [
      postCreated(),
      postLiked('grace'),
      commentAdded('linus'),
      postRemoved(),
    ]);

    expect(JSON.parse(JSON.stringify(state)) as PostState).toEqual(state);
  });

  it('of a post liked by a million users stays small: likers are not part of it', () => {
    let state = replay(evolve, initialPostState, [postCreated()]);
    for (let n = 0; n < 1_000_000; n++) state = evolve(state, postLiked(`fan-${n}`));

    expect(JSON.stringify(state).length).toBeLessThan(1_000);
  });

  // Snapshots of an older shape are ignored only if the version changes with the shape. If this
  // fails, post.ts changed: if evolve or the state changed, bump POST_STATE_VERSION, then
  // record post.ts's new hash here. An evolve that only learns a new event type needs no bump:
  // no snapshot taken before can have seen one (PostReported came so).

  it('names the shape of the state that post.ts defines', () => {
    const source = readFileSync(join(__dirname, 'post.ts'));
    const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);

    expect({ POST_STATE_VERSION, hash }).toEqual({
      POST_STATE_VERSION: 4,
      hash: '44f9728436c58127',
    });
  });
});

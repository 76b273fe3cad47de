import type { ReadablePostEventEnvelope } from '@social-posts/post-events';
import { envelope, postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { planBatch, type PlannedProjection, type Positions } from './batch-plan';

const POST = '7b0c3c37-1f1c-4a8e-9a55-5f1f4a0f0a01';
const OTHER = '7b0c3c37-1f1c-4a8e-9a55-5f1f4a0f0a02';

/** Two projections as the read side has them: one applies every type, one only the texts. */
const DETAILS: PlannedProjection = {
  name: 'details',
  handles: ['PostCreated', 'PostMessageEdited', 'PostLiked', 'PostRemoved'],
};
const TAGS: PlannedProjection = { name: 'tags', handles: ['PostCreated', 'PostMessageEdited'] };
const BOTH = [DETAILS, TAGS];

const created = (post = POST) => postCreatedEnvelope(post);
const liked = (version: number, post = POST) =>
  envelope(post, version, 'PostLiked', { postId: post, username: 'grace', likedAt: '' });
const edited = (version: number, post = POST) =>
  envelope(post, version, 'PostMessageEdited', {
    postId: post,
    message: 'Edited',
    editedAt: '',
    tags: [],
  });

/** Positions as `{ projection: { post: version } }`. */
const at = (table: Record<string, Record<string, number>>): Positions =>
  new Map(Object.entries(table).map(([name, posts]) => [name, new Map(Object.entries(posts))]));

const versions = (events: readonly ReadablePostEventEnvelope[] | undefined) =>
  (events ?? []).map((event) => `${event.aggregateId === POST ? '' : 'other '}v${event.version}`);

describe('planning a batch (the read side’s order rules)', () => {
  describe('guarantee 2: no double effects', () => {
    it('applies the next version, and each projection’s position moves to it', () => {
      const plan = planBatch(BOTH, at({}), [], [created()]);

      expect(versions(plan.apply.get('details'))).toEqual(['v1']);
      expect(versions(plan.apply.get('tags'))).toEqual(['v1']);
      expect(plan.moves).toEqual([
        { projection: 'details', postId: POST, version: 1, known: false },
        { projection: 'tags', postId: POST, version: 1, known: false },
      ]);
      expect(plan.counts).toEqual({ applied: 1, skipped: 0, held: 0 });
    });

    it('skips a redelivery at or below the position: nothing applied, nothing moves', () => {
      const plan = planBatch(
        BOTH,
        at({ details: { [POST]: 2 }, tags: { [POST]: 2 } }),
        [],
        [created(), liked(2)],
      );

      expect(versions(plan.apply.get('details'))).toEqual([]);
      expect(plan.moves).toEqual([]);
      expect(plan.counts).toEqual({ applied: 0, skipped: 2, held: 0 });
    });

    it('applies an event delivered twice in one batch once', () => {
      const like = liked(2);
      const plan = planBatch(
        BOTH,
        at({ details: { [POST]: 1 }, tags: { [POST]: 1 } }),
        [],
        [like, { ...like }],
      );

      expect(versions(plan.apply.get('details'))).toEqual(['v2']);
      expect(plan.counts).toEqual({ applied: 1, skipped: 1, held: 0 });
    });

    it('moves a projection past a type it does not handle, without giving it the event', () => {
      const plan = planBatch(
        BOTH,
        at({ details: { [POST]: 1 }, tags: { [POST]: 1 } }),
        [],
        [liked(2)],
      );

      expect(versions(plan.apply.get('details'))).toEqual(['v2']);
      expect(versions(plan.apply.get('tags'))).toEqual([]);
      expect(plan.moves).toContainEqual({
        projection: 'tags',
        postId: POST,
        version: 2,
        known: true,
      });
    });

    it('gives a projection being rebuilt the replayed events that the others skip', () => {
      const replay = [created(), liked(2), edited(3)];

      const plan = planBatch(BOTH, at({ details: { [POST]: 3 } }), [], replay);

      expect(versions(plan.apply.get('details'))).toEqual([]);
      expect(versions(plan.apply.get('tags'))).toEqual(['v1', 'v3']);
      expect(plan.moves).toEqual([{ projection: 'tags', postId: POST, version: 3, known: false }]);
      expect(plan.hold).toEqual([]);
    });
  });

  describe('guarantee 4: order per post, a gap never skipped', () => {
    it('applies a post’s events in version order, whatever order they came in', () => {
      const plan = planBatch(BOTH, at({}), [], [liked(3), edited(2), created()]);

      expect(versions(plan.apply.get('details'))).toEqual(['v1', 'v2', 'v3']);
      expect(versions(plan.apply.get('tags'))).toEqual(['v1', 'v2']);
    });

    it('holds an event beyond the next version, applying nothing past the gap', () => {
      const plan = planBatch(
        BOTH,
        at({ details: { [POST]: 1 }, tags: { [POST]: 1 } }),
        [],
        [liked(3), edited(4)],
      );

      expect(versions(plan.apply.get('details'))).toEqual([]);
      expect(plan.moves).toEqual([]);
      expect(plan.hold.map(({ event, awaiting }) => [event.version, awaiting])).toEqual([
        [3, 2],
        [4, 2],
      ]);
      expect(plan.counts).toEqual({ applied: 0, skipped: 0, held: 2 });
    });

    it('holds an event until every projection has passed it, even if one has applied it', () => {
      const plan = planBatch(BOTH, at({ details: { [POST]: 2 } }), [], [edited(3)]);

      expect(versions(plan.apply.get('details'))).toEqual(['v3']);
      expect(versions(plan.apply.get('tags'))).toEqual([]);
      expect(plan.hold.map(({ event, awaiting }) => [event.version, awaiting])).toEqual([[3, 1]]);
    });

    it('applies held events once the missing version arrives, in order, and releases them', () => {
      const held = [liked(3), edited(4)];

      const plan = planBatch(BOTH, at({ details: { [POST]: 1 }, tags: { [POST]: 1 } }), held, [
        liked(2),
      ]);

      expect(versions(plan.apply.get('details'))).toEqual(['v2', 'v3', 'v4']);
      expect(versions(plan.apply.get('tags'))).toEqual(['v4']);
      expect(plan.release).toEqual([{ postId: POST, below: 5 }]);
      expect(plan.hold).toEqual([]);
      expect(plan.counts).toEqual({ applied: 3, skipped: 0, held: 0 });
    });

    it('keeps held what is still beyond a gap, without holding it twice', () => {
      const held = [edited(4)];

      const plan = planBatch(BOTH, at({ details: { [POST]: 1 }, tags: { [POST]: 1 } }), held, [
        liked(2),
      ]);

      expect(versions(plan.apply.get('details'))).toEqual(['v2']);
      expect(plan.hold).toEqual([]);
      // Only what is below the next version (3) goes; version 4 stays held.
      expect(plan.release).toEqual([{ postId: POST, below: 3 }]);
    });

    it('lets a post’s gap hold back only that post', () => {
      const plan = planBatch(
        BOTH,
        at({ details: { [POST]: 1 }, tags: { [POST]: 1 } }),
        [],
        [liked(3), created(OTHER)],
      );

      expect(versions(plan.apply.get('details'))).toEqual(['other v1']);
      expect(plan.hold.map(({ event }) => event.aggregateId)).toEqual([POST]);
    });

    it('leaves held events of posts the batch does not touch alone', () => {
      const plan = planBatch(BOTH, at({}), [liked(3, OTHER)], [created()]);

      expect(versions(plan.apply.get('details'))).toEqual(['v1']);
      expect(plan.release).toEqual([]);
    });
  });

  describe('a build filling beside the live one (rebuilds)', () => {
    const REBUILD: PlannedProjection = { ...DETAILS, name: 'details@2' };

    it('applies a live event for the live build, and holds it for the build that is behind', () => {
      const live = liked(2);
      const plan = planBatch([DETAILS, REBUILD], at({ details: { [POST]: 1 } }), [], [live]);

      expect(versions(plan.apply.get('details'))).toEqual(['v2']);
      expect(versions(plan.apply.get('details@2'))).toEqual([]);
      expect(plan.hold).toEqual([{ event: live, awaiting: 1 }]);
    });

    it('applies the republished events the live build skips, then the held ones that follow, and releases them', () => {
      const plan = planBatch(
        [DETAILS, REBUILD],
        at({ details: { [POST]: 3 } }),
        [liked(3)],
        [created(), liked(2)],
      );

      expect(versions(plan.apply.get('details'))).toEqual([]);
      expect(versions(plan.apply.get('details@2'))).toEqual(['v1', 'v2', 'v3']);
      expect(plan.moves).toEqual([
        { projection: 'details@2', postId: POST, version: 3, known: false },
      ]);
      expect(plan.release).toEqual([{ postId: POST, below: 4 }]);
      expect(plan.counts).toEqual({ applied: 3, skipped: 0, held: 0 });
    });
  });
});

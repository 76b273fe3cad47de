import { randomUUID } from 'node:crypto';
import {
  MAX_COMMENT_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_USERNAME_LENGTH,
  decodePostEvent,
  isSealedEnvelope,
  hashtagsIn,
  type PostEventEnvelope,
} from '@social-posts/post-events';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { envelope, postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { eventually } from '@test/support/eventually';
import { readModelText, uniqueWord } from '@test/support/raw-scans';
import { MigrationRunner } from '../database/migration-runner';
import { MIGRATIONS } from '../migrations';
import { CommentEntity } from '../posts/post-details/comment.entity';
import { LikeEntity } from '../posts/post-details/like.entity';
import { PostEntity } from '../posts/post-details/post.entity';
import { POST_CHANGES_CHANNEL } from '../posts/post-feed/post-feed.projection';
import { POST_PROJECTIONS, PROJECTION_NAMES } from '../posts/post-projections';
import { PostEventsProjector } from './post-events.projector';
import { HeldEvents } from './held-events';
import { PendingEventEntity } from './pending-event.entity';
import { ProjectionBuilds, type ProjectionBuild } from './projection-builds';
import { ProjectionPositions } from './projection-positions';
import { RegisteredProjections } from './registered-projections';

const projections = new RegisteredProjections(
  PROJECTION_NAMES.map((name) => ({ name, projection: new POST_PROJECTIONS[name]() })),
);

/** The engine over a database of its own, migrated. */
async function projectorOn(url: string) {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: [PostEntity, CommentEntity, LikeEntity, PendingEventEntity],
    migrations: MIGRATIONS,
  });
  await dataSource.initialize();
  await new MigrationRunner(dataSource).onModuleInit();
  const builds = new ProjectionBuilds(dataSource);
  const projector = new PostEventsProjector(
    dataSource,
    projections,
    new ProjectionPositions(dataSource),
    new HeldEvents(dataSource.getRepository(PendingEventEntity)),
    builds,
  );
  return { dataSource, projector, builds };
}

describe('PostEventsProjector (against real PostgreSQL)', () => {
  let environment: IsolatedEnvironment;
  let dataSource: DataSource;
  let projector: PostEventsProjector;

  beforeAll(async () => {
    environment = await isolatedEnvironment('projector');
    ({ dataSource, projector } = await projectorOn(environment.variables.DATABASE_URL!));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await environment?.cleanup();
  });

  const rows = () => dataSource.getRepository(PostEntity).find({ order: { id: 'ASC' } });

  /** The lists' total of posts shown to everyone, as the projection keeps it. */
  const shownTotal = async () => {
    const [row] = await dataSource.query<{ shown: string }[]>('SELECT shown FROM post_totals');
    return Number(row?.shown ?? 0);
  };

  // Whatever a test's batches held, the kept total is what counting the table would say.
  afterEach(async () => {
    const [counted] = await dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM posts WHERE removed_at IS NULL AND hidden_at IS NULL',
    );
    expect(await shownTotal()).toBe(counted!.n);
  });

  it('projects PostCreated into a posts row at version 1', async () => {
    const event = postCreatedEnvelope();

    expect(await projector.apply([event])).toEqual({
      applied: 1,
      skipped: 0,
      held: 0,
      rejected: [],
    });

    expect(await dataSource.getRepository(PostEntity).findOneBy({ id: event.aggregateId })).toEqual(
      {
        id: event.aggregateId,
        author: 'ada',
        message: 'Hello',
        datePosted: new Date('2026-11-25T10:00:00.000Z'),
        likes: 0,
        comments: 0,
        editedAt: null,
        removedAt: null,
        hiddenAt: null,
        hiddenReasons: null,
        reviewBy: null,
        version: 1,
      },
    );
  });

  it('applies each event type of a post’s history to its row', async () => {
    const postId = randomUUID();
    const commentId = randomUUID();
    const at = '2026-11-25T11:00:00.000Z';
    const history = [
      postCreatedEnvelope(postId),
      envelope(postId, 2, 'PostMessageEdited', {
        postId,
        message: 'Edited',
        tags: [],
        editedAt: at,
      }),
      envelope(postId, 3, 'PostLiked', { postId, username: 'grace', likedAt: at }),
      envelope(postId, 4, 'PostLiked', { postId, username: 'linus', likedAt: at }),
      envelope(postId, 5, 'CommentAdded', {
        postId,
        commentId,
        username: 'grace',
        comment: 'Hi',
        commentDate: at,
      }),
      envelope(postId, 6, 'CommentEdited', { postId, commentId, comment: 'Hello', editedAt: at }),
      envelope(postId, 7, 'CommentAdded', {
        postId,
        commentId: randomUUID(),
        username: 'linus',
        comment: 'Yo',
        commentDate: at,
      }),
      envelope(postId, 8, 'CommentRemoved', { postId, commentId }),
    ];
    const posts = dataSource.getRepository(PostEntity);

    expect(await projector.apply(history)).toEqual({
      applied: 8,
      skipped: 0,
      held: 0,
      rejected: [],
    });
    expect(await posts.findOneBy({ id: postId })).toMatchObject({
      message: 'Edited',
      editedAt: new Date(at),
      likes: 2,
      comments: 1,
      removedAt: null,
      version: 8,
    });
    const likes = await dataSource.getRepository(LikeEntity).findBy({ postId });
    expect(likes.map((like) => like.username).sort()).toEqual(['grace', 'linus']);
    expect(await dataSource.getRepository(CommentEntity).findBy({ postId })).toEqual([
      expect.objectContaining({ username: 'linus', comment: 'Yo', editedAt: null }),
    ]);

    await projector.apply([
      envelope(postId, 9, 'PostRemoved', { postId, username: 'ada', removedAt: at }),
    ]);
    expect(await posts.findOneBy({ id: postId })).toMatchObject({
      removedAt: new Date(at),
      version: 9,
    });
  });

  it('keeps a hidden post’s why and until when, clears them when shown, removes it when taken down', async () => {
    const at = '2026-11-25T11:00:00.000Z';
    const reviewBy = '2026-11-26T11:00:00.000Z';
    const caseId = randomUUID();
    const hidden = (postId: string, version: number) =>
      envelope(postId, version, 'PostHidden', {
        postId,
        caseId,
        reports: 3,
        reasons: ['spam', 'violence'],
        hiddenAt: at,
        reviewBy,
      });
    const hiddenRow = {
      hiddenAt: new Date(at),
      hiddenReasons: ['spam', 'violence'],
      reviewBy: new Date(reviewBy),
    };
    const posts = dataSource.getRepository(PostEntity);

    // Created and hidden in one batch: the row is inserted hidden.
    const inOneBatch = randomUUID();
    await projector.apply([postCreatedEnvelope(inOneBatch), hidden(inOneBatch, 2)]);
    expect(await posts.findOneBy({ id: inOneBatch })).toMatchObject(hiddenRow);

    // One by one: updated, and a later event that is not moderation's leaves the columns be.
    const postId = randomUUID();
    await projector.apply([postCreatedEnvelope(postId)]);
    await projector.apply([hidden(postId, 2)]);
    await projector.apply([
      envelope(postId, 3, 'PostLiked', { postId, username: 'g', likedAt: at }),
    ]);
    expect(await posts.findOneBy({ id: postId })).toMatchObject({ ...hiddenRow, likes: 1 });

    const decided = { postId, caseId, decidedBy: 'moderator' } as const;
    await projector.apply([envelope(postId, 4, 'PostShown', { ...decided, shownAt: at })]);
    expect(await posts.findOneBy({ id: postId })).toMatchObject({
      hiddenAt: null,
      hiddenReasons: null,
      reviewBy: null,
      removedAt: null,
    });

    await projector.apply([
      hidden(postId, 5),
      envelope(postId, 6, 'PostTakenDown', { ...decided, takenDownAt: at }),
    ]);
    expect(await posts.findOneBy({ id: postId })).toMatchObject({
      hiddenAt: null,
      removedAt: new Date(at),
      version: 6,
    });
  });

  it('moves the total of posts shown with each batch: created, hidden, shown, removed, delivered twice', async () => {
    const at = '2026-11-25T11:30:00.000Z';
    const start = await shownTotal();
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const caseId = randomUUID();
    const hidden = envelope(c, 2, 'PostHidden', {
      postId: c,
      caseId,
      reports: 3,
      reasons: ['spam'],
      hiddenAt: at,
      reviewBy: at,
    });
    const created = [postCreatedEnvelope(a), postCreatedEnvelope(b), postCreatedEnvelope(c)];

    await projector.apply([...created, hidden]);
    expect(await shownTotal()).toBe(start + 2);
    await projector.apply([...created, hidden]);
    expect(await shownTotal()).toBe(start + 2);

    await projector.apply([
      envelope(a, 2, 'PostRemoved', { postId: a, username: 'ada', removedAt: at }),
      envelope(c, 3, 'PostShown', { postId: c, caseId, decidedBy: 'moderator', shownAt: at }),
    ]);
    expect(await shownTotal()).toBe(start + 2);
    await projector.apply([
      envelope(b, 2, 'PostRemoved', { postId: b, username: 'ada', removedAt: at }),
    ]);
    expect(await shownTotal()).toBe(start + 1);
  });

  it('leaves the tables identical when the same events are delivered twice', async () => {
    const events = [postCreatedEnvelope(), postCreatedEnvelope()];
    await projector.apply(events);
    const before = await rows();

    expect(await projector.apply(events)).toEqual({
      applied: 0,
      skipped: 2,
      held: 0,
      rejected: [],
    });
    expect(await rows()).toEqual(before);
  });

  it('holds an event that arrives before its predecessor, and applies both in order once it comes', async () => {
    const postId = randomUUID();
    const at = '2026-11-25T11:00:00.000Z';
    const created = postCreatedEnvelope(postId);
    const liked = envelope(postId, 2, 'PostLiked', { postId, username: 'grace', likedAt: at });
    const edited = envelope(postId, 3, 'PostMessageEdited', {
      postId,
      message: 'Late',
      tags: [],
      editedAt: at,
    });
    const posts = dataSource.getRepository(PostEntity);

    expect(await projector.apply([edited, liked])).toEqual({
      applied: 0,
      skipped: 0,
      held: 2,
      rejected: [],
    });
    expect(await posts.findOneBy({ id: postId })).toBeNull();

    expect(await projector.apply([created])).toEqual({
      applied: 3,
      skipped: 0,
      held: 0,
      rejected: [],
    });
    expect(await posts.findOneBy({ id: postId })).toMatchObject({
      message: 'Late',
      likes: 1,
      version: 3,
    });
    expect(await dataSource.getRepository(PendingEventEntity).findBy({ postId })).toEqual([]);

    expect(await projector.apply([liked, edited])).toEqual({
      applied: 0,
      skipped: 2,
      held: 0,
      rejected: [],
    });
  });

  it('stores texts as long as the event contract allows, counted in characters', async () => {
    const postId = randomUUID();
    const commentId = randomUUID();
    const at = '2026-11-25T11:00:00.000Z';
    const longest = (length: number) => '😀'.repeat(length);
    const username = longest(MAX_USERNAME_LENGTH);
    const history = [
      postCreatedEnvelope(postId, {
        data: { postId, author: username, message: longest(MAX_MESSAGE_LENGTH), datePosted: at },
      }),
      envelope(postId, 2, 'PostLiked', { postId, username, likedAt: at }),
      envelope(postId, 3, 'CommentAdded', {
        postId,
        commentId,
        username,
        comment: longest(MAX_COMMENT_LENGTH),
        commentDate: at,
      }),
    ];

    expect(await projector.apply(history)).toEqual({
      applied: 3,
      skipped: 0,
      held: 0,
      rejected: [],
    });
    expect(
      await dataSource.getRepository(CommentEntity).findOneBy({ id: commentId }),
    ).toMatchObject({ username, comment: longest(MAX_COMMENT_LENGTH) });
  });

  it('applies the rest of a batch when PostgreSQL refuses one post’s events, and reports that post', async () => {
    const stored = randomUUID();
    const refused = randomUUID();
    const at = '2026-11-25T11:00:00.000Z';
    const batch = [
      postCreatedEnvelope(stored),
      // 10001 BC: JavaScript reads it, PostgreSQL cannot store it (SQLSTATE 22008).
      postCreatedEnvelope(refused, {
        data: {
          postId: refused,
          author: 'ada',
          message: 'Hi',
          datePosted: '-010000-01-01T00:00:00.000Z',
        },
      }),
      envelope(refused, 2, 'PostLiked', { postId: refused, username: 'grace', likedAt: at }),
      envelope(stored, 2, 'PostLiked', { postId: stored, username: 'grace', likedAt: at }),
    ];

    expect(await projector.apply(batch)).toEqual({
      applied: 2,
      skipped: 0,
      held: 0,
      rejected: [
        {
          postId: refused,
          reason: expect.stringContaining(
            'the read model refused its events: timestamp out of range',
          ),
        },
      ],
    });
    const posts = dataSource.getRepository(PostEntity);
    expect(await posts.findOneBy({ id: stored })).toMatchObject({ likes: 1, version: 2 });
    expect(await posts.findOneBy({ id: refused })).toBeNull();
    expect(await dataSource.getRepository(LikeEntity).findBy({ postId: refused })).toEqual([]);
  });

  it('logs each event the live read model applied once in the change log, in order, with where it came from', async () => {
    const postId = randomUUID();
    const created = postCreatedEnvelope(postId);
    const liked = envelope(postId, 2, 'PostLiked', {
      postId,
      username: 'grace',
      likedAt: '2026-11-25T10:01:00.000Z',
    });
    const publishedAt = new Date('2026-11-25T10:01:00.500Z');

    await projector.apply(
      [created, liked],
      new Map([[created.eventId, { partition: 2, offset: '41', publishedAt }]]),
    );
    await projector.apply([created, liked]);

    const rows = await dataSource.query<
      { position: string; version: number; event_type: string; partition: number | null }[]
    >(
      `SELECT position, version, event_type, partition, "offset", published_at, post
       FROM post_changes WHERE post_id = $1 ORDER BY position`,
      [postId],
    );
    expect(rows).toMatchObject([
      {
        version: 1,
        event_type: 'PostCreated',
        partition: 2,
        offset: '41',
        published_at: publishedAt,
        post: { author: 'ada', likes: 1, version: 2, removed: false },
      },
      { version: 2, event_type: 'PostLiked', partition: null },
    ]);
    expect(BigInt(rows[1]!.position) - BigInt(rows[0]!.position)).toBe(1n);
  });

  it('tells every listener the change log’s head when the batch commits', async () => {
    const listener = new Client({ connectionString: environment.variables.DATABASE_URL! });
    await listener.connect();
    try {
      const heads: string[] = [];
      listener.on('notification', ({ channel, payload }) => {
        if (channel === POST_CHANGES_CHANNEL) heads.push(payload!);
      });
      await listener.query(`LISTEN ${POST_CHANGES_CHANNEL}`);
      const postId = randomUUID();
      const liked = envelope(postId, 2, 'PostLiked', {
        postId,
        username: 'grace',
        likedAt: '2026-11-25T10:01:00.000Z',
      });

      await projector.apply([postCreatedEnvelope(postId), liked]);

      const [{ head }] = await dataSource.query<[{ head: string }]>(
        'SELECT max(position)::text AS head FROM post_changes',
      );
      await eventually(() => expect(heads).toEqual([head]));
    } finally {
      await listener.end();
    }
  });

  it('migrates once when several instances start together', async () => {
    const runners = Array.from({ length: 3 }, () => new MigrationRunner(dataSource));
    await Promise.all(runners.map((runner) => runner.onModuleInit()));

    const ran = await dataSource.query('SELECT name FROM migrations');
    expect(ran).toEqual(MIGRATIONS.map((migration) => ({ name: migration.name })));
  });

  describe('erasure: PersonErased forgets the person it names on every post', () => {
    const at = '2026-11-25T12:00:00.000Z';
    const by = (person: string, event: PostEventEnvelope): PostEventEnvelope => ({
      ...event,
      person,
    });
    const postOf = (id: string) => dataSource.getRepository(PostEntity).findOneBy({ id });

    it('blanks the posts they wrote, deletes their comments and the likes naming them, keeps the counts true, and lets no late copy of their events back', async () => {
      const [adaKey, graceKey] = [uniqueWord('key'), uniqueWord('key')];
      const ada = uniqueWord('ada');
      const words = {
        message: uniqueWord('message'),
        tag: uniqueWord('tag'),
        comment: uniqueWord('comment'),
      };
      const [hers, graces] = [randomUUID(), randomUUID()];
      const created = (postId: string, author: string, message: string) =>
        postCreatedEnvelope(postId, { data: { postId, author, message, datePosted: at } });
      const comment = (postId: string, version: number, username: string, text: string) =>
        envelope(postId, version, 'CommentAdded', {
          postId,
          commentId: randomUUID(),
          username,
          comment: text,
          commentDate: at,
        });
      const erasure = (postId: string, version: number, erasesAuthor: boolean) =>
        envelope(postId, version, 'PersonErased', {
          postId,
          person: adaKey,
          erasesAuthor,
          erasedAt: at,
        });

      await projector.apply([
        by(adaKey, created(hers, ada, `${words.message} #${words.tag}`)),
        by(graceKey, comment(hers, 2, 'grace', 'Nice')),
        by(graceKey, created(graces, 'grace', 'Hello')),
        by(adaKey, comment(graces, 2, ada, words.comment)),
        by(
          adaKey,
          envelope(graces, 3, 'PostLiked', { postId: graces, username: ada, likedAt: at }),
        ),
      ]);
      const before = await readModelText(dataSource);
      for (const word of [ada, ...Object.values(words)]) expect(before).toContain(word);

      // Her erasure reaches grace's post first: her rows go on every post, her own included.
      const shownBefore = await shownTotal();
      await projector.apply([erasure(graces, 4, false)]);
      expect(await shownTotal()).toBe(shownBefore - 1);
      expect(await postOf(graces)).toMatchObject({ comments: 0, likes: 1, version: 4 });
      expect(await postOf(hers)).toMatchObject({ author: '', message: '', comments: 1 });
      expect((await postOf(hers))!.removedAt).not.toBeNull();

      // A copy of her comment sent before her key was deleted arrives late: it stays out.
      await projector.apply([by(adaKey, comment(graces, 5, ada, words.comment))]);
      expect(await postOf(graces)).toMatchObject({ comments: 0, version: 5 });

      await projector.apply([erasure(hers, 3, true)]);
      const after = await readModelText(dataSource);
      for (const word of [ada, ...Object.values(words)]) expect(after).not.toContain(word);
      expect(after).toContain('Hello');

      // Idempotent: the same erasure delivered again changes nothing.
      await projector.apply([erasure(graces, 4, false), erasure(hers, 3, true)]);
      expect(await readModelText(dataSource)).toEqual(after);
    });
  });

  describe('several projections, each at its own position, and builds of them rebuilt beside the live ones', () => {
    // A database of its own: a build catches up with every post its live build has.
    let environment: IsolatedEnvironment;
    let dataSource: DataSource;
    let projector: PostEventsProjector;
    let builds: ProjectionBuilds;
    /** Every event this block projected, in order: what a republish sends again. */
    const stored: PostEventEnvelope[] = [];
    const project = (events: PostEventEnvelope[]) => {
      stored.push(...events);
      return projector.apply(events);
    };
    const republish = (replacing: PostEventEnvelope[] = []) => {
      const replaced = new Set(replacing.map((event) => event.aggregateId));
      return projector.apply([
        ...stored.filter((event) => !replaced.has(event.aggregateId)),
        ...replacing,
      ]);
    };

    beforeAll(async () => {
      environment = await isolatedEnvironment('projector_builds');
      ({ dataSource, projector, builds } = await projectorOn(environment.variables.DATABASE_URL!));
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await environment?.cleanup();
    });

    const at = '2026-11-25T11:00:00.000Z';
    const tagsOf = async (postId: string) =>
      (
        await dataSource.query<{ tag: string }[]>(
          'SELECT tag FROM post_tags WHERE post_id = $1 ORDER BY tag',
          [postId],
        )
      ).map((row) => row.tag);

    /** A post's history with hashtags, a like and a comment: every projection has work. */
    const taggedHistory = (postId: string): PostEventEnvelope[] => [
      postCreatedEnvelope(postId, {
        data: { postId, author: 'ada', message: 'Off to #Lisbon #NestJS', datePosted: at },
      }),
      envelope(postId, 2, 'PostLiked', { postId, username: 'grace', likedAt: at }),
      envelope(postId, 3, 'PostMessageEdited', {
        postId,
        message: 'Now #Porto',
        tags: hashtagsIn('Now #Porto'),
        editedAt: at,
      }),
      envelope(postId, 4, 'CommentAdded', {
        postId,
        commentId: randomUUID(),
        username: 'grace',
        comment: 'Nice',
        commentDate: at,
      }),
    ];

    /** Every table the projections write, in a fixed order. */
    const readModel = async () => ({
      posts: await dataSource.query('SELECT * FROM posts ORDER BY id'),
      comments: await dataSource.query('SELECT * FROM comments ORDER BY id'),
      likes: await dataSource.query('SELECT * FROM likes ORDER BY post_id, username'),
      tags: await dataSource.query<{ post_id: string; tag: string }[]>(
        'SELECT * FROM post_tags ORDER BY post_id, tag',
      ),
    });

    type Name = 'post-details' | 'post-tags';
    const startBuild = async (name: Name): Promise<ProjectionBuild> =>
      (
        await builds.start(
          name,
          projections.named(name).tables,
          projections.named(name).version,
          'a test',
        )
      ).build;
    const switchTo = (build: ProjectionBuild) =>
      builds.switchTo(build, projections.named(build.projection).tables);
    const liveBuildOf = async (name: Name) =>
      (await builds.of(name)).find((build) => build.state === 'live')!;

    it('keeps the tags of each post’s latest message, and none once it is removed', async () => {
      const postId = randomUUID();
      const [created, , edited] = taggedHistory(postId);

      await project([created!]);
      expect(await tagsOf(postId)).toEqual(['lisbon', 'nestjs']);
      await project(taggedHistory(postId).slice(1));
      expect(await tagsOf(postId)).toEqual(['porto']);
      expect(edited!.data).toMatchObject({ tags: ['porto'] });
      await project([
        envelope(postId, 5, 'PostRemoved', { postId, username: 'ada', removedAt: at }),
      ]);
      expect(await tagsOf(postId)).toEqual([]);
    });

    it('rebuilds a projection beside the live one, which answers unchanged until the switch', async () => {
      const postId = randomUUID();
      await project(taggedHistory(postId));
      const before = await readModel();
      const build = await startBuild('post-tags');

      // The republish: post-details and the live post-tags skip it, the new build applies it.
      expect(await republish()).toMatchObject({ held: 0 });
      expect(await readModel()).toEqual(before);
      expect(await switchTo(build)).toBe(true);

      expect((await liveBuildOf('post-tags')).build).toBe(build.build);
      expect(await readModel()).toEqual(before);
      expect(await switchTo(build)).toBe(false);
    });

    it('does not switch to a build some post is behind in, and says which', async () => {
      const postId = randomUUID();
      await project(taggedHistory(postId));
      const build = await startBuild('post-details');

      expect(await builds.lag(await liveBuildOf('post-details'), build)).toMatchObject({
        sample: expect.arrayContaining([postId]),
      });
      expect(await switchTo(build)).toBe(false);
      expect(await builds.abandon('post-details', 'a test')).toMatchObject({ state: 'abandoned' });
      await builds.dropEnded();
      const schemas = await dataSource.query(
        'SELECT 1 FROM information_schema.schemata WHERE schema_name = $1',
        [build.schema],
      );
      expect(schemas).toEqual([]);
    });

    it('knows the live build however many builds were started and abandoned since', async () => {
      for (let n = 0; n < 12; n++) {
        await startBuild('post-tags');
        await builds.abandon('post-tags', 'a test');
      }

      expect((await builds.of('post-tags')).filter((build) => build.state === 'live')).toHaveLength(
        1,
      );
      await builds.dropEnded();
    });

    it('holds a live event for a build under way that is behind, and gives it the event once the republish brings the rest', async () => {
      const postId = randomUUID();
      await project(taggedHistory(postId));
      const build = await startBuild('post-tags');
      const live = envelope(postId, 5, 'PostMessageEdited', {
        postId,
        message: 'Live #news',
        tags: ['news'],
        editedAt: at,
      });

      // Ahead of the build (it has nothing of this post yet): the live builds apply it, and it
      // is held for the build.
      expect(await project([live])).toMatchObject({ held: 1 });
      expect(await tagsOf(postId)).toEqual(['news']);
      const held = () => dataSource.getRepository(PendingEventEntity).countBy({ postId });
      expect(await held()).toBe(1);

      // The republish brings every version: the build applies them, then the held one.
      await republish();
      expect(await held()).toBe(0);
      expect(await switchTo(build)).toBe(true);
      expect(await tagsOf(postId)).toEqual(['news']);
    });

    it('builds the same read model from version-1 events as from version 2', async () => {
      const postId = randomUUID();
      const current = taggedHistory(postId);
      // As an older post-cmd published them: PostCreated and PostMessageEdited without tags.
      const asVersion1 = current.map((event) => {
        if (event.eventType !== 'PostCreated' && event.eventType !== 'PostMessageEdited') {
          return JSON.stringify(event);
        }
        const { tags: _tags, ...data } = event.data;
        return JSON.stringify({ ...event, schemaVersion: 1, data });
      });
      const decoded = asVersion1.map((value) => {
        const result = decodePostEvent(value);
        if (!result.ok) throw new Error(result.reason);
        if (isSealedEnvelope(result.envelope)) throw new Error('a plain event read as sealed');
        return result.envelope;
      });

      await projector.apply(decoded);
      const fromVersion1 = await readModel();
      const rebuilt = [await startBuild('post-details'), await startBuild('post-tags')];
      await republish(current);
      for (const build of rebuilt) expect(await switchTo(build)).toBe(true);

      expect(await readModel()).toEqual(fromVersion1);
      expect(fromVersion1.tags.map((row) => row.tag)).toContain('porto');
    });
  });
});

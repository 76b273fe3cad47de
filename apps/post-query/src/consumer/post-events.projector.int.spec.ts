import { randomUUID } from 'node:crypto';
import {
  MAX_COMMENT_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_USERNAME_LENGTH,
} from '@social-posts/post-events';
import { DataSource } from 'typeorm';
import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../../../../test/support/isolated-environment';
import { envelope, postCreatedEnvelope } from '../../../../test/support/post-event-fixtures';
import { MigrationRunner } from '../database/migration-runner';
import { MIGRATIONS } from '../migrations';
import { PostDetailsProjection } from '../posts/post-details/post-details.projection';
import { CommentEntity } from '../posts/post-details/comment.entity';
import { LikeEntity } from '../posts/post-details/like.entity';
import { PostEntity } from '../posts/post-details/post.entity';
import { PostEventsProjector } from './post-events.projector';
import { HeldEvents } from './held-events';
import { ParkedPostEntity } from './parked-post.entity';
import { ParkedPosts } from './parked-posts';
import { PendingEventEntity } from './pending-event.entity';

describe('PostEventsProjector (against real PostgreSQL)', () => {
  let environment: IsolatedEnvironment;
  let dataSource: DataSource;
  let projector: PostEventsProjector;

  beforeAll(async () => {
    environment = await isolatedEnvironment('projector');
    dataSource = new DataSource({
      type: 'postgres',
      url: environment.variables.DATABASE_URL,
      entities: [PostEntity, CommentEntity, LikeEntity, PendingEventEntity, ParkedPostEntity],
      migrations: MIGRATIONS,
    });
    await dataSource.initialize();
    await new MigrationRunner(dataSource).onModuleInit();
    projector = new PostEventsProjector(
      dataSource,
      new PostDetailsProjection(),
      new HeldEvents(
        dataSource.getRepository(PendingEventEntity),
        new ParkedPosts(dataSource.getRepository(ParkedPostEntity)),
      ),
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await environment?.cleanup();
  });

  const rows = () => dataSource.getRepository(PostEntity).find({ order: { id: 'ASC' } });

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
      envelope(postId, 2, 'PostMessageEdited', { postId, message: 'Edited', tags: [], editedAt: at }),
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

  it('migrates once when several instances start together', async () => {
    const runners = Array.from({ length: 3 }, () => new MigrationRunner(dataSource));
    await Promise.all(runners.map((runner) => runner.onModuleInit()));

    const ran = await dataSource.query('SELECT name FROM migrations');
    expect(ran).toEqual(MIGRATIONS.map((migration) => ({ name: migration.name })));
  });
});

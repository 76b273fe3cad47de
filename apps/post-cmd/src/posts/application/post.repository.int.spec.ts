import { randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import type { CommandMetadata, EventStore, StreamRange } from '@social-posts/event-sourcing';
import type { PostEvent, StoredPostEventEnvelope } from '@social-posts/post-events';
import { validateEnvironment } from '@social-posts/service-runtime';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { PostCmdEnvironment } from '../../config/post-cmd.environment';
import { MongoConnection } from '../../event-store/mongo-connection';
import { MongoEventStore } from '../../event-store/mongo-event-store';
import { MongoSnapshotStore } from '../../event-store/mongo-snapshot-store';
import { MongoPersonKeyStore } from '../../personal-data/mongo-person-key-store';
import { PersonKeys } from '../../personal-data/person-keys';
import { AlreadyLiked } from '../domain/post.errors';
import { PostRepository, type LoadedPost } from './post.repository';
import { POST_STATE_VERSION } from '../domain/post.snapshot';

const SNAPSHOT_EVERY = 50;

/** The real store, counting the events each read returns: what a load costs. */
class CountingEventStore implements EventStore<StoredPostEventEnvelope> {
  lastRead = 0;

  constructor(private readonly store: MongoEventStore) {}

  async readStream(aggregateId: string, range?: StreamRange): Promise<StoredPostEventEnvelope[]> {
    const events = await this.store.readStream(aggregateId, range);
    this.lastRead = events.length;
    return events;
  }

  async readEntity(aggregateId: string, entity: string): Promise<StoredPostEventEnvelope[]> {
    const events = await this.store.readEntity(aggregateId, entity);
    this.lastRead = events.length;
    return events;
  }

  append: EventStore<StoredPostEventEnvelope>['append'] = (event, options) =>
    this.store.append(event, options);

  findByIdempotencyKey: EventStore<StoredPostEventEnvelope>['findByIdempotencyKey'] = (key) =>
    this.store.findByIdempotencyKey(key);

  readByPerson: EventStore<StoredPostEventEnvelope>['readByPerson'] = (person) =>
    this.store.readByPerson(person);
}

describe('PostRepository with snapshots (against the real MongoDB-compatible server)', () => {
  let environment: IsolatedEnvironment;
  let connection: MongoConnection;
  let events: CountingEventStore;
  let snapshots: MongoSnapshotStore;
  let posts: PostRepository;
  const postId = randomUUID();
  const firstComment = randomUUID();
  const metadata: CommandMetadata = {
    commandId: randomUUID(),
    correlationId: randomUUID(),
    receivedAt: '2026-11-25T10:00:00.000Z',
    actor: 'ada',
  };
  const at = metadata.receivedAt;

  const likedBy = (username: string): PostEvent => ({
    type: 'PostLiked',
    data: { postId, username, likedAt: at },
  });

  const appendTo = async (loaded: LoadedPost, event: PostEvent) =>
    posts.append(postId, loaded, event, metadata);

  beforeAll(async () => {
    environment = await isolatedEnvironment('post_repository');
    const config = new ConfigService<PostCmdEnvironment, true>(
      validateEnvironment(PostCmdEnvironment)({
        ...process.env,
        ...environment.variables,
        SNAPSHOT_EVERY: String(SNAPSHOT_EVERY),
      }),
    );
    connection = new MongoConnection(config);
    const store = new MongoEventStore(connection);
    await store.onModuleInit();
    events = new CountingEventStore(store);
    snapshots = new MongoSnapshotStore(connection);
    const keys = new PersonKeys(new MongoPersonKeyStore(connection, config), config);
    posts = new PostRepository(events, snapshots, keys, config);

    await appendTo(await posts.load(postId), {
      type: 'PostCreated',
      data: { postId, author: 'ada', message: 'Hello', tags: [], datePosted: at },
    });
    for (let n = 0; n < 2 * SNAPSHOT_EVERY + 20; n++) {
      await appendTo(
        await posts.load(postId),
        n % 10 === 0
          ? {
              type: 'CommentAdded',
              data: {
                postId,
                commentId: n === 0 ? firstComment : randomUUID(),
                username: `fan-${n}`,
                comment: 'Hi',
                commentDate: at,
              },
            }
          : likedBy(`fan-${n}`),
      );
    }
  });

  afterAll(async () => {
    await connection?.onApplicationShutdown();
    await environment?.cleanup();
  });

  const latestVersion = 2 * SNAPSHOT_EVERY + 21;
  const comments = (2 * SNAPSHOT_EVERY + 20) / 10;
  const expected = {
    version: latestVersion,
    state: { status: 'Active', likes: latestVersion - 1 - comments },
  };

  it('keeps a snapshot every SNAPSHOT_EVERY events', async () => {
    expect(await snapshots.load(postId)).toMatchObject({
      version: 2 * SNAPSHOT_EVERY,
      stateVersion: POST_STATE_VERSION,
    });
  });

  it('loads from the latest snapshot, reading only the events after it', async () => {
    const loaded = await posts.load(postId);

    expect(loaded).toMatchObject(expected);
    expect(events.lastRead).toBe(latestVersion - 2 * SNAPSHOT_EVERY);
  });

  // Only the latest snapshot is kept: a state older than it is replayed from the start.
  it('loads the state as of an older version, never from a later snapshot', async () => {
    expect(await posts.load(postId, 60)).toMatchObject({
      version: 60,
      state: { likes: 53 },
      snapshotVersion: 0,
    });
    expect(events.lastRead).toBe(60);
  });

  it('ignores a snapshot of another shape of the state, and gives the same answer', async () => {
    const kept = (await snapshots.load(postId))!;
    await connection.db
      .collection<{ _id: string }>('snapshots')
      .updateOne({ _id: postId }, { $set: { stateVersion: POST_STATE_VERSION + 1, state: '{}' } });

    const loaded = await posts.load(postId);

    expect(loaded).toMatchObject({ ...expected, snapshotVersion: 0 });
    expect(events.lastRead).toBe(latestVersion);
    await connection.db.collection('snapshots').deleteMany({});
    await snapshots.save(kept);
  });

  it('gives the same answer with every snapshot deleted, and snapshots again when next due', async () => {
    await connection.db.collection('snapshots').deleteMany({});

    const loaded = await posts.load(postId);
    expect(loaded).toMatchObject({ ...expected, snapshotVersion: 0 });

    await appendTo(loaded, likedBy('newcomer'));
    expect(await snapshots.load(postId)).toMatchObject({ version: latestVersion + 1 });
  });

  it('never lets an older snapshot replace a later one', async () => {
    const later = (await snapshots.load(postId))!;

    await snapshots.save({ ...later, version: later.version - 1, state: {} });

    expect(await snapshots.load(postId)).toEqual(later);
  });

  it('loads a comment from its own events alone, however many the post has', async () => {
    expect(await posts.loadComment(postId, firstComment)).toEqual({
      status: 'Active',
      author: 'fan-0',
    });
    expect(events.lastRead).toBe(1);
    expect(await posts.loadComment(postId, randomUUID())).toEqual({ status: 'Unknown' });
  });

  it('refuses a second like by the same user, which the loaded state does not know of', async () => {
    const loaded = await posts.load(postId);

    await expect(appendTo(loaded, likedBy('fan-7'))).rejects.toEqual(
      new AlreadyLiked(postId, 'fan-7'),
    );
  });
});

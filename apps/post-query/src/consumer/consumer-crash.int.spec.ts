import { randomUUID } from 'node:crypto';
import { toPostEventMessage, type PostEventEnvelope } from '@social-posts/post-events';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { eventually } from '@test/support/eventually';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { envelope, postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { startServiceProcess } from '@test/support/service-process';

const POSTS = 200;
const LIKES_PER_POST = 9;

/**
 * The kill lands inside a batch for certain: the test holds a lock on the read model's `posts`
 * table, so the consumer's batch transaction waits on its first write, and post-query is killed
 * while it waits. Offsets committed before the transaction would lose that batch; committed
 * after it, as they must be, the batch is fetched again.
 */
describe('post-query killed inside a batch (a real process, SIGKILL)', () => {
  let environment: IsolatedEnvironment;
  let database: Client;

  beforeAll(async () => {
    environment = await isolatedEnvironment('consumer_crash');
    environment.apply();
    database = new Client({ connectionString: environment.variables.DATABASE_URL });
    await database.connect();
  });

  afterAll(async () => {
    await database?.end();
    await environment?.cleanup();
  });

  /** Sessions of the read database waiting for a lock: a batch held by the test's lock. */
  const waitingOnLocks = async () =>
    (
      await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )
    ).rows[0]!.n;

  const migrated = async () =>
    (await database.query(`SELECT 1 FROM pg_tables WHERE tablename = 'posts'`)).rowCount === 1;

  it('after a restart, has every event applied exactly once', async () => {
    const events: PostEventEnvelope[] = [];
    for (let p = 0; p < POSTS; p++) {
      const postId = randomUUID();
      events.push(postCreatedEnvelope(postId));
      for (let i = 0; i < LIKES_PER_POST; i++) {
        const likedAt = new Date().toISOString();
        events.push(envelope(postId, i + 2, 'PostLiked', { postId, username: `fan${i}`, likedAt }));
      }
    }
    const kafka = new Kafka({
      brokers: process.env.KAFKA_BROKERS!.split(','),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: environment.variables.KAFKA_TOPIC!, numPartitions: 3 }],
    });
    await admin.disconnect();
    const crashing = await startServiceProcess('post-query');
    await eventually(async () => expect(await migrated()).toBe(true));
    const lock = new Client({ connectionString: environment.variables.DATABASE_URL });
    await lock.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE posts IN EXCLUSIVE MODE');
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: environment.variables.KAFKA_TOPIC!,
        messages: events.map(toPostEventMessage),
      });
      await producer.disconnect();

      await eventually(async () => expect(await waitingOnLocks()).toBeGreaterThan(0));
      await crashing.kill();
    } finally {
      await lock.query('ROLLBACK');
      await lock.end();
    }

    const restarted = await startServiceProcess('post-query');
    try {
      await eventually(
        async () => {
          const { rows } = await database.query<{ posts: number; likes: number; versions: number }>(
            `SELECT count(*)::int AS posts, sum(likes)::int AS likes, sum(version)::int AS versions
               FROM posts`,
          );
          expect(rows[0]).toEqual({
            posts: POSTS,
            likes: POSTS * LIKES_PER_POST,
            versions: POSTS * (LIKES_PER_POST + 1),
          });
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      const likeRows = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM likes');
      expect(likeRows.rows[0]!.n).toBe(POSTS * LIKES_PER_POST);
    } finally {
      await restarted.stop();
    }
  }, 180_000);
});

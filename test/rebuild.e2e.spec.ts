import { Client } from 'pg';
import { consumedToTheEnd } from './support/consumer-lag';
import { eventually } from './support/eventually';
import { request } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { startPostCmd, startPostQuery, type RunningService } from './support/services';
import { ADMIN } from './support/tokens';

const POSTS = 60;
const CONCURRENCY = 12;

/**
 * The read side can always be rebuilt: with its projections reset, republishing the event store
 * restores them row for row; republishing without a reset changes nothing, and a projection
 * reset alone is rebuilt while the others stay as they were.
 */
describe('rebuilding the read side from the event store', () => {
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;
  let postQuery: RunningService;
  let database: Client;
  let expectedVersions: Map<string, number>;

  beforeAll(async () => {
    environment = await isolatedEnvironment('rebuild');
    environment.apply();
    postCmd = await startPostCmd();
    postQuery = await startPostQuery();
    database = new Client({ connectionString: environment.variables.DATABASE_URL });
    await database.connect();
    expectedVersions = await writeHistory();
  }, 600_000);

  afterAll(async () => {
    await database?.end();
    await postCmd?.close();
    await postQuery?.close();
    await environment?.cleanup();
  });

  const command = async (method: string, path: string, as: string, body?: unknown) => {
    const response = await request<{ version: number; commentId?: string }>(
      `${postCmd.api}${path}`,
      { method, as, body },
    );
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status}`);
    return response.body;
  };

  /** Every kind of event on many posts, through post-cmd; resolves to each post's version. */
  async function writeHistory(): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    const writePost = async (n: number) => {
      const { postId } = (
        await request<{ postId: string }>(`${postCmd.api}/posts`, {
          method: 'POST',
          as: `author${n % 7}`,
          body: { message: `Post ${n} #topic${n % 5} #Rebuild` },
        })
      ).body;
      let version = 1;
      for (let i = 0; i < 20; i++) {
        version = (await command('POST', `/posts/${postId}/likes`, `fan${i}`)).version;
      }
      for (let i = 0; i < 12; i++) {
        const added = await command('POST', `/posts/${postId}/comments`, `fan${i}`, {
          comment: `c${i}`,
        });
        version = added.version;
        if (i % 3 === 0) {
          version = (
            await command('PATCH', `/posts/${postId}/comments/${added.commentId}`, `fan${i}`, {
              comment: `edited ${i}`,
            })
          ).version;
        }
        if (i % 4 === 0) {
          version = (
            await command('DELETE', `/posts/${postId}/comments/${added.commentId}`, `fan${i}`)
          ).version;
        }
      }
      version = (
        await command('PATCH', `/posts/${postId}`, `author${n % 7}`, {
          message: n % 2 === 0 ? `Edited ${n} #edited` : `Edited ${n}, tags gone`,
        })
      ).version;
      if (n % 10 === 0) {
        version = (await command('DELETE', `/posts/${postId}`, `author${n % 7}`)).version;
      }
      versions.set(postId, version);
    };
    for (let start = 0; start < POSTS; start += CONCURRENCY) {
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, POSTS - start) }, (_, i) =>
          writePost(start + i),
        ),
      );
    }
    return versions;
  }

  /** The read tables, every row, in a fixed order. */
  async function readModel() {
    const posts = await database.query('SELECT * FROM posts ORDER BY id');
    const comments = await database.query('SELECT * FROM comments ORDER BY id');
    const likes = await database.query('SELECT * FROM likes ORDER BY post_id, username');
    const tags = await database.query('SELECT * FROM post_tags ORDER BY post_id, tag');
    return { posts: posts.rows, comments: comments.rows, likes: likes.rows, tags: tags.rows };
  }

  /** Waits until the read model has every post at the version the write side answered. */
  async function projected(): Promise<void> {
    await eventually(
      async () => {
        const { rows } = await database.query<{ id: string; version: number }>(
          'SELECT id, version FROM posts',
        );
        expect(new Map(rows.map((row) => [row.id, row.version]))).toEqual(expectedVersions);
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
  }

  const republish = async () => {
    const started = await request(`${postCmd.api}/admin/republish`, { method: 'POST', as: ADMIN });
    expect(started.status).toBe(202);
    const progress = () =>
      request<{ republished: number; done: boolean }>(`${postCmd.api}/admin/republish`, {
        as: ADMIN,
      });
    await eventually(async () => expect((await progress()).body.done).toBe(true), {
      timeoutMs: 120_000,
      intervalMs: 250,
    });
    return (await progress()).body.republished;
  };

  /** Waits until post-query has consumed everything on the topic. */
  const consumedAll = () =>
    eventually(
      async () =>
        expect(
          await consumedToTheEnd(
            environment.variables.KAFKA_GROUP_ID!,
            environment.variables.KAFKA_TOPIC!,
          ),
        ).toBe(true),
      { timeoutMs: 120_000, intervalMs: 250 },
    );

  it('stored a few thousand events, each post at the version its last command answered', async () => {
    const events = [...expectedVersions.values()].reduce((sum, version) => sum + version, 0);
    expect(events).toBeGreaterThan(2_000);
    for (const [postId, version] of expectedVersions) {
      const state = await request<{ version: number }>(`${postCmd.api}/posts/${postId}/state`, {
        as: ADMIN,
      });
      expect(state.body.version).toBe(version);
    }
  });

  it('changes nothing when everything is republished onto a complete read model', async () => {
    await projected();
    const before = await readModel();

    await republish();
    // Every republished event consumed: each was at or below its post's applied version.
    await consumedAll();
    expect(await readModel()).toEqual(before);
  }, 300_000);

  const reset = async (projections: string[]) => {
    const answer = await request(`${postQuery.api}/admin/projections/reset`, {
      method: 'POST',
      as: ADMIN,
      body: { projections },
    });
    expect(answer.status).toBe(200);
  };

  it('restores every projection row for row: reset on post-query, one republish on post-cmd', async () => {
    await projected();
    const before = await readModel();
    // Even posts keep #edited after their last edit, unless removed (every tenth).
    expect(before.tags.length).toBe(POSTS / 2 - POSTS / 10);

    await reset(['post-details', 'post-tags']);
    expect(await readModel()).toEqual({ posts: [], comments: [], likes: [], tags: [] });

    const total = await republish();

    expect(total).toBe([...expectedVersions.values()].reduce((sum, version) => sum + version, 0));
    await projected();
    await eventually(async () => expect(await readModel()).toEqual(before), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
  }, 300_000);

  it('rebuilds one projection alone: the others skip the republished events', async () => {
    await projected();
    const before = await readModel();

    await reset(['post-tags']);
    expect((await readModel()).tags).toEqual([]);

    await republish();
    await consumedAll();
    // Likes and comments are not counted twice: post-details skipped what it had.
    expect(await readModel()).toEqual(before);
  }, 300_000);
});

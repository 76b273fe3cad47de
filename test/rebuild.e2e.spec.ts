import { Client } from 'pg';
import { consumedAll } from './support/consumer-lag';
import { eventually } from './support/eventually';
import { request } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { startPostCmd, startPostQuery, type RunningService } from './support/services';
import { startServiceProcess } from './support/service-process';
import { ADMIN } from './support/tokens';

/** The read tables, every row, in a fixed order. */
async function readModelOf(database: Client) {
  const posts = await database.query('SELECT * FROM posts ORDER BY id');
  const comments = await database.query('SELECT * FROM comments ORDER BY id');
  const likes = await database.query('SELECT * FROM likes ORDER BY post_id, username');
  const tags = await database.query('SELECT * FROM post_tags ORDER BY post_id, tag');
  // The lists' kept total of shown posts, which a build moves batch by batch, is what a count says.
  const totals = await database.query<{ shown: string }>('SELECT shown FROM post_totals');
  expect(Number(totals.rows[0]?.shown ?? 0)).toBe(
    posts.rows.filter((post) => post.removed_at === null && post.hidden_at === null).length,
  );
  return { posts: posts.rows, comments: comments.rows, likes: likes.rows, tags: tags.rows };
}

const POSTS = 60;
const CONCURRENCY = 12;

interface Build {
  build: number;
  state: string;
}
interface ProjectionState {
  name: string;
  live: Build;
  rebuild: Build | null;
  postsBehind: number | null;
  earlier: Build[];
}

/**
 * The read side can always be rebuilt, without downtime: one call on post-query builds a
 * projection again beside the live one, from a republish of every stored event, and switches
 * the queries to it once it has caught up. Queries answer in full throughout, the switch
 * happens once, and the result equals a read model built from scratch, row for row.
 */
describe('rebuilding a projection beside the live one, from the event store', () => {
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;
  let postQuery: RunningService;
  let database: Client;
  let expectedVersions: Map<string, number>;

  beforeAll(async () => {
    environment = await isolatedEnvironment('rebuild');
    environment.apply();
    postCmd = await startPostCmd();
    process.env.POST_CMD_URL = postCmd.api.replace(/\/api\/v1$/, '');
    process.env.PROJECTION_REBUILD_CHECK_MS = '200';
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
    delete process.env.POST_CMD_URL;
    delete process.env.PROJECTION_REBUILD_CHECK_MS;
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

  const readModel = () => readModelOf(database);

  /** Waits until a read model has every post at the version the write side answered. */
  async function projected(client = database): Promise<void> {
    await eventually(
      async () => {
        const { rows } = await client.query<{ id: string; version: number }>(
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

  const projections = async () =>
    (
      await request<{ items: ProjectionState[] }>(`${postQuery.api}/admin/projections`, {
        as: ADMIN,
      })
    ).body.items;
  const projection = async (name: string) =>
    (await projections()).find((each) => each.name === name)!;

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
    await consumedAll(environment.variables);
    expect(await readModel()).toEqual(before);
  }, 300_000);

  it('rebuilds post-details in one call under commands and queries: full answers throughout, one switch, the same rows as a build from scratch', async () => {
    await projected();
    const removed = new Set(
      (
        await database.query<{ id: string }>('SELECT id FROM posts WHERE removed_at IS NOT NULL')
      ).rows.map((row) => row.id),
    );
    const shown = [...expectedVersions.keys()].filter((postId) => !removed.has(postId));
    const likesBefore = new Map(
      (await database.query<{ id: string; likes: number }>('SELECT id, likes FROM posts')).rows.map(
        (row) => [row.id, row.likes],
      ),
    );
    const incomplete: string[] = [];
    let queries = 0;
    let running = true;
    // Readers: a post that exists is never missing, never has fewer likes than before.
    const reader = async (n: number) => {
      for (let turn = n; running; turn++) {
        const postId = shown[turn % shown.length]!;
        const post = await request<{ likes: number }>(`${postQuery.api}/posts/${postId}`);
        const list = await request<{ total: number }>(`${postQuery.api}/posts?limit=1`);
        queries += 2;
        if (post.status !== 200 || post.body.likes < likesBefore.get(postId)!) {
          incomplete.push(`GET /posts/${postId}: ${post.status} ${JSON.stringify(post.body)}`);
        }
        if (list.status !== 200 || list.body.total < shown.length) {
          incomplete.push(`GET /posts: ${list.status} ${JSON.stringify(list.body)}`);
        }
      }
    };
    // Writers: likes on the shown posts, each answered version expected in the read model.
    const writer = async (n: number) => {
      for (let turn = 0; running; turn++) {
        const postId = shown[(n * 7 + turn) % shown.length]!;
        const { version } = await command(
          'POST',
          `/posts/${postId}/likes`,
          `rebuild-fan-${n}-${turn}`,
        );
        expectedVersions.set(postId, Math.max(version, expectedVersions.get(postId)!));
      }
    };
    const load = [0, 1, 2].map(reader).concat([0, 1].map(writer));

    const answer = await request<{ started: boolean; build: Build }>(
      `${postQuery.api}/admin/projections/post-details/rebuild`,
      { method: 'POST', as: ADMIN },
    );
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ started: true, build: { build: 2, state: 'building' } });
    await eventually(async () => expect((await projection('post-details')).live.build).toBe(2), {
      timeoutMs: 180_000,
      intervalMs: 250,
    });
    running = false;
    await Promise.all(load);
    await projected();

    expect(incomplete).toEqual([]);
    expect(queries).toBeGreaterThan(50);
    expect(await projection('post-details')).toMatchObject({
      live: { build: 2, state: 'live' },
      rebuild: null,
      earlier: [{ build: 1, state: 'retired' }],
    });
    expect((await projection('post-tags')).live.build).toBe(1);
    expect(await readModel()).toEqual(await builtFromScratch());
  }, 600_000);

  it('gives up a build on request, the live one serving on', async () => {
    const started = await request(`${postQuery.api}/admin/projections/post-tags/rebuild`, {
      method: 'POST',
      as: ADMIN,
    });
    expect(started.status).toBe(202);

    const abandoned = await request(`${postQuery.api}/admin/projections/post-tags/rebuild`, {
      method: 'DELETE',
      as: ADMIN,
    });
    expect(abandoned.status).toBe(204);
    expect(await projection('post-tags')).toMatchObject({
      live: { build: 1 },
      rebuild: null,
      earlier: [{ build: 2, state: 'abandoned' }],
    });
    const again = await request(`${postQuery.api}/admin/projections/post-tags/rebuild`, {
      method: 'DELETE',
      as: ADMIN,
    });
    expect(again.status).toBe(404);
  });

  /**
   * The read model a post-query of its own builds from the topic's first message, in a new
   * database and consumer group: what every rebuild must equal.
   */
  async function builtFromScratch() {
    const scratch = `${environment.variables.DATABASE_URL!.split('/').pop()}_scratch`;
    await database.query(`CREATE DATABASE "${scratch}"`);
    const url = environment.variables.DATABASE_URL!.replace(/\/[^/]+$/, `/${scratch}`);
    const fresh = await startServiceProcess('post-query', {
      env: { DATABASE_URL: url, KAFKA_GROUP_ID: `${environment.variables.KAFKA_GROUP_ID}.scratch` },
    });
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await projected(client);
      return await readModelOf(client);
    } finally {
      await client.end();
      await fresh.stop();
      await database.query(`DROP DATABASE "${scratch}" WITH (FORCE)`);
    }
  }
});

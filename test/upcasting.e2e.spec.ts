import { randomUUID } from 'node:crypto';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { MongoClient, type Collection } from 'mongodb';
import {
  toEventDocument,
  type EventDocument,
} from '../apps/post-cmd/src/event-store/event-document';
import { PROJECTION_NAMES } from '../apps/post-query/src/posts/post-projections';
import { eventually } from './support/eventually';
import { request } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { startPostCmd, startPostQuery, type RunningService } from './support/services';
import { ADMIN } from './support/tokens';

interface Page {
  items: { postId: string; message: string; likes: number }[];
  total: number;
}

/**
 * Events evolve without rewriting history: a store holding PostCreated and PostMessageEdited at
 * schema version 1 (no tags), written by an older post-cmd, keeps working with today's code.
 * post-cmd replays it (and snapshots it) as version 2, a rebuild of post-query's projections
 * gets it republished, and their tags for it are those version 2 would have carried.
 */
describe('a store written at schema version 1, read by today’s code', () => {
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;
  let postQuery: RunningService;
  let mongo: MongoClient;
  let events: Collection<EventDocument>;
  const legacy = randomUUID();
  const renamed = randomUUID();
  const at = '2026-11-20T10:00:00.000Z';

  /** An event as a post-cmd of schema version 1 stored it, long published. */
  const storedV1 = (postId: string, version: number, eventType: string, data: object) => {
    const { outbox: _outbox, ...published } = toEventDocument({
      eventId: randomUUID(),
      eventType,
      schemaVersion: 1,
      aggregateId: postId,
      aggregateType: 'Post',
      version,
      occurredAt: at,
      data,
      metadata: { correlationId: randomUUID(), causationId: randomUUID() },
    } as unknown as PostEventEnvelope);
    return { ...published, publishedAt: new Date(at) };
  };

  beforeAll(async () => {
    environment = await isolatedEnvironment('upcasting');
    environment.apply();
    process.env.SNAPSHOT_EVERY = '2';
    postCmd = await startPostCmd();
    process.env.POST_CMD_URL = postCmd.api.replace(/\/api\/v1$/, '');
    process.env.PROJECTION_REBUILD_CHECK_MS = '200';
    postQuery = await startPostQuery();
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    events = mongo.db(environment.variables.MONGO_DATABASE).collection<EventDocument>('events');
    await events.insertMany([
      storedV1(legacy, 1, 'PostCreated', {
        postId: legacy,
        author: 'ada',
        message: 'Hello #Legacy world',
        datePosted: at,
      }),
      storedV1(renamed, 1, 'PostCreated', {
        postId: renamed,
        author: 'grace',
        message: '#Legacy too',
        datePosted: at,
      }),
      storedV1(renamed, 2, 'PostMessageEdited', {
        postId: renamed,
        message: 'Now #Renamed',
        editedAt: at,
      }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await mongo?.close();
    await postCmd?.close();
    await postQuery?.close();
    await environment?.cleanup();
    delete process.env.SNAPSHOT_EVERY;
    delete process.env.POST_CMD_URL;
    delete process.env.PROJECTION_REBUILD_CHECK_MS;
  });

  const command = async (method: string, path: string, as: string, body?: unknown) => {
    const response = await request<{ version: number }>(`${postCmd.api}${path}`, {
      method,
      as,
      body,
    });
    expect(response.status).toBeLessThan(300);
    return response.body;
  };

  it('replays version-1 history for commands, and snapshots it, as version 2', async () => {
    expect((await command('POST', `/posts/${legacy}/likes`, 'grace')).version).toBe(2);
    // SNAPSHOT_EVERY is 2: this command loads from the snapshot taken after the like.
    expect((await command('POST', `/posts/${legacy}/likes`, 'linus')).version).toBe(3);
    const history = await request<PostEventEnvelope[]>(`${postCmd.api}/posts/${legacy}/events`, {
      as: ADMIN,
    });
    expect(history.body[0]).toMatchObject({
      schemaVersion: 2,
      data: { message: 'Hello #Legacy world', tags: ['legacy'] },
    });
  });

  it('never rewrites the stored version-1 events', async () => {
    const stored = await events.find({ aggregateId: { $in: [legacy, renamed] } }).toArray();
    const original = stored.filter((event) => event.version === 1 || event.aggregateId === renamed);
    expect(original.map((event) => event.schemaVersion)).toEqual([1, 1, 1]);
    expect(original.every((event) => !('tags' in (event.data as object)))).toBe(true);
  });

  it('rebuilds post-query from version-1 and version-2 events, with the tags version 2 carries', async () => {
    const fresh = (
      await request<{ postId: string }>(`${postCmd.api}/posts`, {
        method: 'POST',
        as: 'linus',
        body: { message: 'New, and still #legacy' },
      })
    ).body.postId;
    for (const name of PROJECTION_NAMES) {
      const rebuild = await request(`${postQuery.api}/admin/projections/${name}/rebuild`, {
        method: 'POST',
        as: ADMIN,
      });
      expect(rebuild.status).toBe(202);
    }
    const projections = () =>
      request<{ items: { live: { build: number } }[] }>(`${postQuery.api}/admin/projections`, {
        as: ADMIN,
      });
    await eventually(
      async () =>
        expect((await projections()).body.items.map((item) => item.live.build)).toEqual(
          PROJECTION_NAMES.map(() => 2),
        ),
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    const tagged = (tag: string) => request<Page>(`${postQuery.api}/posts?tag=${tag}`);
    await eventually(
      async () => {
        const page = (await tagged('legacy')).body;
        expect(page.items.map((item) => item.postId).sort()).toEqual([fresh, legacy].sort());
        expect(page.items.find((item) => item.postId === legacy)?.likes).toBe(2);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect((await tagged('renamed')).body.items.map((item) => item.postId)).toEqual([renamed]);
  }, 120_000);
});

import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { Client } from 'pg';
import { eventually } from './support/eventually';
import { openEventStream, type EventStream } from './support/event-stream';
import { expectProblem, request } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { startServiceProcess, type ServiceProcess } from './support/service-process';
import { startPostCmd, type RunningService } from './support/services';

interface Change {
  position: string;
  postId: string;
  version: number;
  eventType: string;
  post: { author: string; message: string; likes: number; tags: string[]; version: number };
  correlationId: string | null;
  storedAt: string;
  published: { at: string; partition: number; offset: string } | null;
  projectedAt: string;
}

const changesOf = (stream: EventStream) =>
  stream.events.filter((event) => event.event === 'change').map((event) => event.data as Change);

/**
 * The change feed (docs/11-live-feed.md), against two post-query processes on one read model:
 * every committed change once, in the read side's own order, with the command's journey; a
 * reconnect to the other instance resumes exactly; filters, resets, heartbeats and capacity.
 */
describe('the change feed, GET /api/v1/live/posts (two post-query instances)', () => {
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;
  let first: ServiceProcess;
  let second: ServiceProcess;
  let database: Client;
  const streams: EventStream[] = [];
  const MAX_ON_SECOND = 3;

  beforeAll(async () => {
    environment = await isolatedEnvironment('live_feed');
    environment.apply();
    postCmd = await startPostCmd();
    const env = { LIVE_HEARTBEAT_MS: '1000', LIVE_CLIENT_STALL_MS: '2000' };
    first = await startServiceProcess('post-query', { env });
    second = await startServiceProcess('post-query', {
      env: { ...env, LIVE_MAX_CONNECTIONS: String(MAX_ON_SECOND) },
    });
    database = new Client({ connectionString: environment.variables.DATABASE_URL });
    await database.connect();
  }, 120_000);

  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });

  afterAll(async () => {
    await database?.end();
    await first?.stop();
    await second?.stop();
    await postCmd?.close();
    await environment?.cleanup();
  });

  const follow = async (instance: ServiceProcess, query = '', headers = {}) => {
    const stream = await openEventStream(`${instance.api}/live/posts${query}`, headers);
    streams.push(stream);
    return stream;
  };

  const command = async (method: string, path: string, as: string, body?: unknown) => {
    const response = await request<{ postId: string; version: number }>(`${postCmd.api}${path}`, {
      method,
      as,
      body,
    });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status}`);
    return { ...response.body, correlationId: response.headers.get('x-correlation-id')! };
  };

  const createPost = (as: string, message: string) => command('POST', '/posts', as, { message });

  it('sends each change once, in order, with the post and the command’s journey', async () => {
    const stream = await follow(first);
    await stream.waitFor('retry', 1);

    const created = await createPost('ada', 'Live from #Lisbon');
    const liked = await command('POST', `/posts/${created.postId}/likes`, 'grace');
    const [createdChange, likedChange] = (await stream.waitFor('change', 2)).map(
      (event) => event.data as Change,
    );

    expect(createdChange).toMatchObject({
      postId: created.postId,
      version: 1,
      eventType: 'PostCreated',
      post: { author: 'ada', message: 'Live from #Lisbon', likes: 0, tags: ['lisbon'] },
      correlationId: created.correlationId,
      published: { partition: expect.any(Number), offset: expect.stringMatching(/^\d+$/) },
    });
    expect(likedChange).toMatchObject({
      version: 2,
      eventType: 'PostLiked',
      post: { likes: 1, version: 2 },
      correlationId: liked.correlationId,
    });
    const times = ({ storedAt, published, projectedAt }: Change) =>
      [storedAt, published!.at, projectedAt].map((at) => Date.parse(at));
    const [stored, published, projected] = times(createdChange!);
    expect(stored).toBeLessThanOrEqual(published!);
    expect(published).toBeLessThanOrEqual(projected! + 1);
    expect(BigInt(likedChange!.position)).toBeGreaterThan(BigInt(createdChange!.position));
    expect(stream.events.filter((event) => event.event === 'change')[1]!.id).toBe(
      likedChange!.position,
    );
  });

  it('does not tell a report: the post’s next change shows its version moved past it', async () => {
    const stream = await follow(first);
    await stream.waitFor('retry', 1);

    const { postId } = await createPost('ada', 'Report me');
    await command('POST', `/posts/${postId}/reports`, 'grace', { reason: 'spam' });
    await command('POST', `/posts/${postId}/likes`, 'grace');
    const changes = (await stream.waitFor('change', 2)).map((event) => event.data as Change);

    expect(changes.map(({ eventType, version }) => [eventType, version])).toEqual([
      ['PostCreated', 1],
      ['PostLiked', 3],
    ]);
    expect(changes[1]!.post).toMatchObject({ version: 3, likes: 1 });
  });

  it('resumes on the other instance after the last id received: none missing, none twice', async () => {
    const before = await follow(first);
    await before.waitFor('retry', 1);
    const { postId } = await createPost('linus', 'Resume me');
    for (const fan of ['a', 'b']) await command('POST', `/posts/${postId}/likes`, fan);
    const seen = await before.waitFor('change', 3);
    before.close();
    for (const fan of ['c', 'd', 'e']) await command('POST', `/posts/${postId}/likes`, fan);

    const after = await follow(second, '', { 'last-event-id': seen.at(-1)!.id! });
    const resumed = (await after.waitFor('change', 3)).map((event) => event.data as Change);

    const { rows } = await database.query<{ position: string }>(
      'SELECT position FROM post_changes WHERE position > $1 ORDER BY position',
      [seen.at(-1)!.id],
    );
    expect(resumed.map((change) => change.position)).toEqual(rows.map((row) => row.position));
    expect(resumed.map((change) => change.version)).toEqual([4, 5, 6]);
  });

  it('sends only the changes a filter asks for: a post, an author, a hashtag', async () => {
    const byPost = await follow(first, `?postId=${randomUUID()}`);
    const byAuthor = await follow(first, '?author=margaret');
    const byTag = await follow(second, '?tag=%23Rust');
    await Promise.all([byPost, byAuthor, byTag].map((stream) => stream.waitFor('retry', 1)));

    const own = await createPost('margaret', 'Apollo');
    await createPost('barbara', 'Learning #rust');
    await createPost('ken', 'Nothing to see');
    // Followed from the head once the post's creation is in the log: only what comes after.
    await byAuthor.waitFor('change', 1);
    const watched = await follow(first, `?postId=${own.postId}`);
    await watched.waitFor('retry', 1);
    await command('POST', `/posts/${own.postId}/likes`, 'grace');

    expect(
      (await byAuthor.waitFor('change', 2)).map((event) => (event.data as Change).eventType),
    ).toEqual(['PostCreated', 'PostLiked']);
    await byTag.waitFor('change', 1);
    expect(changesOf(byTag)).toMatchObject([{ post: { author: 'barbara', tags: ['rust'] } }]);
    await watched.waitFor('change', 1);
    expect(changesOf(watched)).toMatchObject([{ postId: own.postId, eventType: 'PostLiked' }]);
    expect(changesOf(byPost)).toEqual([]);
  });

  it('tells a client whose position the log no longer keeps to reload, then follows on', async () => {
    // Another test's last change may still be on its way: the head is read on both sides of the reset.
    const head = async () =>
      Number(
        (await database.query<{ position: string }>('SELECT position FROM post_changes_head'))
          .rows[0]!.position,
      );
    const before = await head();
    await database.query('UPDATE post_changes_head SET deleted_through = 2');

    const stale = await follow(second, '', { 'last-event-id': '1' });
    const [reset] = await stale.waitFor('reset', 1);
    const at = Number(reset!.id);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(await head());
    expect(reset!.data).toMatchObject({ position: reset!.id });
    await createPost('ada', 'After the reset');
    await eventually(() =>
      expect(changesOf(stale).map((change) => change.post.message)).toContain('After the reset'),
    );
    expect(changesOf(stale).every((change) => Number(change.position) > at)).toBe(true);
    const future = await follow(first, '', { 'last-event-id': '9999999' });
    await future.waitFor('reset', 1);
  });

  it('keeps an idle stream alive with heartbeats', async () => {
    const idle = await follow(first);

    await idle.waitFor('comment', 1, 5_000);
  });

  it('refuses a Last-Event-ID that is not a position, and an unknown filter, naming them', async () => {
    const badId = await request(`${first.api}/live/posts`, { headers: { 'last-event-id': 'x1' } });
    expectProblem(badId, 400);
    expect(JSON.stringify(badId.body)).toContain('Last-Event-ID');

    const unknown = await request(`${first.api}/live/posts?since=1`);
    expectProblem(unknown, 400);
    expect(JSON.stringify(unknown.body)).toContain('since');
  });

  it('answers 503 with Retry-After past LIVE_MAX_CONNECTIONS, and takes clients again when one leaves', async () => {
    const full = await Promise.all(Array.from({ length: MAX_ON_SECOND }, () => follow(second)));
    await Promise.all(full.map((stream) => stream.waitFor('retry', 1)));

    const refused = await request(`${second.api}/live/posts`);
    expectProblem(refused, 503, 'live-feed-full');
    expect(refused.headers.get('retry-after')).toBe('5');

    full[0]!.close();
    await expect(
      (async () => {
        for (;;) {
          const again = await follow(second);
          if (again.status === 200) return again.status;
          again.close();
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })(),
    ).resolves.toBe(200);
  });

  it('disconnects a client whose buffer stays full, while one that reads gets every change', async () => {
    const { hostname, port } = new URL(first.api);
    const stalled = connect(Number(port), hostname);
    stalled.write(`GET /api/v1/live/posts HTTP/1.1\r\nHost: feed\r\n\r\n`);
    stalled.pause();
    const dropped = async () => {
      const metrics = await (await fetch(first.api.replace(/\/api\/v1$/, '/metrics'))).text();
      const line = metrics
        .split('\n')
        .find((each) => each.startsWith('live_clients_dropped_total{') && each.includes('"slow"'));
      return Number(line?.split(' ').at(-1) ?? 0);
    };
    const before = await dropped();
    const reader = await follow(first);
    await reader.waitFor('retry', 1);

    // Megabytes of changes, faster than commands could make them: rows appended to the log.
    const count = 8_000;
    const { rows } = await database.query<{ head: string }>(
      'UPDATE post_changes_head SET position = position + $1 RETURNING position AS head',
      [count],
    );
    await database.query(
      `INSERT INTO post_changes (position, post_id, version, event_type, author, tags, post, occurred_at)
       SELECT $1::bigint - $2 + n, gen_random_uuid(), 1, 'PostCreated', 'bulk', '{}',
         jsonb_build_object('message', repeat('x', 2000)), now()
       FROM generate_series(1, $2) AS n`,
      [rows[0]!.head, count],
    );
    await database.query(`SELECT pg_notify('post_changes', $1)`, [rows[0]!.head]);

    await eventually(async () => expect(await dropped()).toBe(before + 1), { timeoutMs: 30_000 });
    await reader.waitFor('change', count, 30_000);
    stalled.destroy();
  });

  it('closes its streams when it shuts down: clients reconnect elsewhere', async () => {
    const leaving = await follow(first);
    await leaving.waitFor('retry', 1);

    await first.stop();

    expect(leaving.ended).toBe(true);
  });
});

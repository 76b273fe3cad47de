import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { eventually } from './support/eventually';
import { request } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { controllableStack, type ControllableStack } from './support/local-stack';
import { metricsQueriedBy } from './support/promql-metrics';
import { startPostCmd, startPostQuery, type RunningService } from './support/services';

const ROOT = join(__dirname, '..');

/** Every sample of `name` whose labels include `labels`, in Prometheus's text format. */
function samples(text: string, name: string, labels: Record<string, string> = {}): number[] {
  const found: number[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2] ?? '';
    if (Object.entries(labels).every(([key, value]) => present.includes(`${key}="${value}"`))) {
      found.push(Number(match[3]));
    }
  }
  return found;
}

/** The value of the first such sample, `undefined` if absent. */
const sample = (text: string, name: string, labels: Record<string, string> = {}) =>
  samples(text, name, labels)[0];

/** `/metrics` of both services over the real servers; Kafka is the controllable stack's. */
describe('metrics (both services over real servers)', () => {
  let servers: ControllableStack;
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;
  let postQuery: RunningService;

  beforeAll(async () => {
    servers = await controllableStack();
    environment = await isolatedEnvironment('metrics');
    environment.apply();
    postCmd = await startPostCmd();
    postQuery = await startPostQuery();
  }, 600_000);

  afterAll(async () => {
    await servers?.start('kafka');
    await postCmd?.close();
    await postQuery?.close();
    await environment?.cleanup();
    await servers?.release();
  });

  const metrics = async (service: RunningService): Promise<string> => {
    const response = await fetch(`${service.api.replace(/\/api\/v1$/, '')}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return response.text();
  };
  const createPost = (message = 'Measured') =>
    request<{ postId: string }>(`${postCmd.api}/posts`, {
      method: 'POST',
      as: 'ada',
      body: { message },
    });

  it('exposes process metrics and every request’s duration by route pattern, without a token', async () => {
    const created = await createPost();
    await eventually(async () =>
      expect((await request(`${postQuery.api}/posts/${created.body.postId}`)).status).toBe(200),
    );

    // The batch is counted once its offset is committed, a moment after its rows are visible.
    await eventually(async () => {
      const query = await metrics(postQuery);
      expect(
        sample(query, 'process_cpu_user_seconds_total', { service: 'post-query' }),
      ).toBeDefined();
      expect(
        sample(query, 'http_server_request_duration_seconds_count', {
          route: '/api/v1/posts/:id',
          status_code: '200',
        }),
      ).toBeGreaterThanOrEqual(1);
      expect(sample(query, 'projection_batch_events_count')).toBeGreaterThanOrEqual(1);
      expect(sample(query, 'parked_posts')).toBe(0);
      expect(
        sample(query, 'projection_builds', { projection: 'post-details', state: 'live' }),
      ).toBe(1);
      expect(query).toMatch(/^consumer_lag_messages\{partition="\d+"/m);
    });
    expect(
      sample(await metrics(postCmd), 'event_store_call_duration_seconds_count', {
        command: 'insert',
        outcome: 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('counts commands by type and outcome', async () => {
    const before = await metrics(postCmd);
    const count = (text: string, command: string, outcome: string) =>
      sample(text, 'post_commands_total', { command, outcome }) ?? 0;
    const created = await createPost();
    const like = () =>
      request(`${postCmd.api}/posts/${created.body.postId}/likes`, { method: 'POST', as: 'grace' });
    await like();
    await like();
    await createPost('');

    const after = await metrics(postCmd);
    expect(count(after, 'createPost', 'accepted') - count(before, 'createPost', 'accepted')).toBe(
      1,
    );
    expect(count(after, 'createPost', 'invalid') - count(before, 'createPost', 'invalid')).toBe(1);
    expect(count(after, 'likePost', 'accepted') - count(before, 'likePost', 'accepted')).toBe(1);
    expect(
      count(after, 'likePost', 'rejected_by_rule') - count(before, 'likePost', 'rejected_by_rule'),
    ).toBe(1);
  });

  it('shows the outbox backlog growing and ageing while Kafka is down, and draining once it is back', async () => {
    const outbox = async () => {
      const text = await metrics(postCmd);
      return {
        events: sample(text, 'outbox_backlog_events'),
        oldestAge: sample(text, 'outbox_oldest_unpublished_age_seconds'),
      };
    };
    await eventually(async () => expect(await outbox()).toEqual({ events: 0, oldestAge: 0 }));

    await servers.kill('kafka');
    try {
      const firstStored = Date.now();
      for (let n = 0; n < 5; n++) expect((await createPost()).status).toBe(201);
      await eventually(async () => {
        const waiting = await outbox();
        expect(waiting.events).toBeGreaterThanOrEqual(5);
        expect(waiting.oldestAge).toBeGreaterThanOrEqual(1);
        expect(waiting.oldestAge).toBeLessThanOrEqual((Date.now() - firstStored) / 1000 + 1);
      });
    } finally {
      await servers.start('kafka');
    }
    await eventually(async () => expect(await outbox()).toEqual({ events: 0, oldestAge: 0 }), {
      timeoutMs: 60_000,
    });
  });

  it('shows, on post-cmd, the projection’s consumer lag growing while post-query is down, and recovering after', async () => {
    const lag = async () => {
      const partitions = samples(await metrics(postCmd), 'kafka_consumer_group_lag_messages', {
        group: environment.variables.KAFKA_GROUP_ID!,
      });
      return { partitions: partitions.length, total: partitions.reduce((sum, n) => sum + n, 0) };
    };
    const caughtUp = { partitions: 3, total: 0 };
    // After the case above restarted Kafka, post-query's consumer reconnects in its own time.
    await eventually(async () => expect(await lag()).toEqual(caughtUp), { timeoutMs: 60_000 });

    await postQuery.close();
    try {
      for (let n = 0; n < 4; n++) expect((await createPost()).status).toBe(201);
      await eventually(async () => expect(await lag()).toEqual({ partitions: 3, total: 4 }));
    } finally {
      postQuery = await startPostQuery();
    }
    await eventually(async () => expect(await lag()).toEqual(caughtUp), { timeoutMs: 60_000 });
  });

  it('has every metric the Grafana dashboard and the Prometheus alert rules query', async () => {
    const exposed = new Set(
      [
        ...`${await metrics(postCmd)}\n${await metrics(postQuery)}`.matchAll(
          /^# TYPE (\S+) (\S+)$/gm,
        ),
      ].flatMap(([, name, type]) =>
        type === 'histogram' ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name!],
      ),
    );
    const dashboard = JSON.parse(
      readFileSync(join(ROOT, 'ops/grafana/dashboards/social-posts.json'), 'utf8'),
    ) as { panels: { targets: { expr: string }[] }[] };
    const rules = parse(readFileSync(join(ROOT, 'ops/prometheus/alerts.yml'), 'utf8')) as {
      groups: { rules: { expr: string }[] }[];
    };
    const queries = [
      ...dashboard.panels.flatMap(({ targets }) => targets.map(({ expr }) => expr)),
      ...rules.groups.flatMap((group) => group.rules.map(({ expr }) => expr)),
    ];
    expect(queries.length).toBeGreaterThan(10);

    // `up` is Prometheus's own, per scrape target.
    const unknown = queries
      .flatMap(metricsQueriedBy)
      .filter((name) => name !== 'up' && !exposed.has(name));
    expect(unknown).toEqual([]);
  });
});

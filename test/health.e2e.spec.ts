import { eventually } from './support/eventually';
import { request } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { controllableStack, type ControllableStack } from './support/local-stack';
import { startPostCmd, startPostQuery, type RunningService } from './support/services';
import { proxyServerOf, type TcpProxy } from './support/tcp-proxy';

interface HealthReport {
  readonly status: string;
  readonly details: Record<string, { status: string }>;
  /** In the 503 problem+json of a service that is not ready. */
  readonly checks?: Record<string, { status: string }>;
}

/** Readiness turns red within a check's bound (1.5 s) and a poll; a few seconds in all. */
const WITHIN_SECONDS = { timeoutMs: 5_000 };

/**
 * Liveness and readiness of both services over the real servers. The event store and
 * PostgreSQL sit behind proxies that can stop answering; Kafka is the controllable stack's,
 * killed and started again.
 */
describe('health (both services over real servers)', () => {
  let servers: ControllableStack;
  let environment: IsolatedEnvironment;
  let eventStore: TcpProxy;
  let readModel: TcpProxy;
  let postCmd: RunningService;
  let postQuery: RunningService;

  beforeAll(async () => {
    servers = await controllableStack();
    environment = await isolatedEnvironment('health');
    environment.apply();
    eventStore = await proxyServerOf('MONGO_URL');
    readModel = await proxyServerOf('DATABASE_URL');
    postCmd = await startPostCmd();
    postQuery = await startPostQuery();
  }, 600_000);

  afterAll(async () => {
    eventStore?.answer();
    readModel?.answer();
    await servers?.start('kafka');
    await postCmd?.close();
    await postQuery?.close();
    await eventStore?.close();
    await readModel?.close();
    await environment?.cleanup();
    await servers?.release();
  });

  const origin = (service: RunningService) => service.api.replace(/\/api\/v1$/, '');
  const health = (service: RunningService, probe: 'live' | 'ready') =>
    request<HealthReport>(`${origin(service)}/health/${probe}`);

  const expectReady = async (service: RunningService, dependencies: readonly string[]) => {
    const ready = await health(service, 'ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    expect(Object.keys(ready.body.details).sort()).toEqual([...dependencies].sort());
  };

  const expectDown = async (service: RunningService, dependency: string) => {
    const ready = await health(service, 'ready');
    expect(ready.status).toBe(503);
    expect(ready.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(ready.body.checks?.[dependency]?.status).toBe('down');
    // Alive all the while: an orchestrator must not restart a service for its dependency.
    expect((await health(service, 'live')).status).toBe(200);
  };

  const POST_CMD = ['shutdown', 'eventStore', 'kafka'];
  const POST_QUERY = ['shutdown', 'database', 'migrations', 'kafka', 'consumer'];

  it('is live and ready once every dependency answers and the consumer has joined its group', async () => {
    expect((await health(postCmd, 'live')).status).toBe(200);
    await eventually(() => expectReady(postCmd, POST_CMD));
    await eventually(() => expectReady(postQuery, POST_QUERY));
  });

  it('turns post-cmd not ready within seconds while the event store hangs, and ready again', async () => {
    eventStore.hang();
    try {
      await eventually(() => expectDown(postCmd, 'eventStore'), WITHIN_SECONDS);
      await expectReady(postQuery, POST_QUERY);
    } finally {
      eventStore.answer();
    }
    await eventually(() => expectReady(postCmd, POST_CMD));
  });

  it('turns post-query not ready within seconds while PostgreSQL hangs, and ready again', async () => {
    readModel.hang();
    try {
      await eventually(() => expectDown(postQuery, 'database'), WITHIN_SECONDS);
    } finally {
      readModel.answer();
    }
    await eventually(() => expectReady(postQuery, POST_QUERY));
  });

  it('turns both not ready within seconds while Kafka is down, and ready again once it is back', async () => {
    await servers.kill('kafka');
    try {
      await eventually(() => expectDown(postCmd, 'kafka'), WITHIN_SECONDS);
      await eventually(() => expectDown(postQuery, 'kafka'), WITHIN_SECONDS);
    } finally {
      await servers.start('kafka');
    }
    await eventually(() => expectReady(postCmd, POST_CMD), { timeoutMs: 60_000 });
    await eventually(() => expectReady(postQuery, POST_QUERY), { timeoutMs: 60_000 });
  });
});

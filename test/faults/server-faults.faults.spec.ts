import { setTimeout as delay } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { Client } from 'pg';
import { eventually } from '../support/eventually';
import { request } from '../support/http';
import { controllableStack, type ControllableStack } from '../support/local-stack';
import { ADMIN } from '../support/tokens';
import { runLoadScenario } from './support/load-scenario';
import { SIZES, startSystem, type SystemUnderTest } from './support/system-under-test';

/**
 * Each scenario: steady command load on post-cmd, a fault in the middle of it, then the audit
 * once the system is idle again (see support/audit.ts). Both services run as real processes.
 */
describe('faults under load', () => {
  let servers: ControllableStack;
  let system: SystemUnderTest;
  const scenarioTimeout = SIZES.loadMs + SIZES.settleMs + 120_000;

  beforeAll(async () => {
    // Kills and restarts servers: the local stack's, or a private one.
    servers = await controllableStack();
    system = await startSystem('faults');
  }, 600_000);

  afterAll(async () => {
    await system?.close();
    await servers?.release();
  }, 60_000);

  /** Events the read model has applied: the sum of its posts' versions. */
  const projectedEvents = async (): Promise<number> => {
    const database = new Client({ connectionString: system.environment.variables.DATABASE_URL });
    await database.connect();
    try {
      const { rows } = await database.query<{ n: number }>(
        'SELECT coalesce(sum(version), 0)::int AS n FROM posts',
      );
      return rows[0]!.n;
    } finally {
      await database.end();
    }
  };

  it(
    'Kafka broker killed (SIGKILL) mid-load and restarted',
    () =>
      runLoadScenario(system, {
        name: '1-kafka-killed',
        title: 'Kafka broker killed (SIGKILL) mid-load and restarted',
        fault: async (notes) => {
          await servers.kill('kafka');
          await delay(SIZES.downMs);
          await servers.start('kafka');
          notes.push(
            `Kafka down for ${SIZES.downMs / 1000} s, then started with stack.sh up kafka`,
          );
        },
      }),
    scenarioTimeout,
  );

  it(
    'post-cmd killed mid-load, with events stored but not yet published, and restarted',
    () =>
      runLoadScenario(system, {
        name: '2-post-cmd-killed',
        title: 'post-cmd killed (SIGKILL) mid-load and restarted, twice',
        fault: async (notes) => {
          for (const round of [1, 2]) {
            await system.postCmd.kill();
            const unpublished = await countUnpublished(system);
            notes.push(`kill ${round}: ${unpublished} event(s) stored but not yet published`);
            await delay(SIZES.downMs / 2);
            await system.postCmd.restart();
            await delay(SIZES.downMs / 2);
          }
        },
      }),
    scenarioTimeout,
  );

  it(
    'post-query killed mid-batch and restarted',
    () =>
      runLoadScenario(system, {
        name: '3-post-query-killed',
        title: 'post-query killed (SIGKILL) mid-load, and again while catching up',
        fault: async (notes) => {
          await system.postQuery.kill();
          await delay(SIZES.downMs);
          const atRestart = await projectedEvents();
          await system.postQuery.restart();
          // Restarted with a backlog: the second kill lands once catching up has applied a batch.
          // Up to a session timeout passes first: the group waits for the killed member to expire.
          await eventually(async () => expect(await projectedEvents()).toBeGreaterThan(atRestart), {
            intervalMs: 5,
            timeoutMs: 60_000,
          });
          await system.postQuery.kill();
          await system.postQuery.restart();
          notes.push(`down ${SIZES.downMs / 1000} s, killed again once catching up had begun`);
        },
      }),
    scenarioTimeout,
  );

  it(
    'PostgreSQL stopped for a while under load and started again',
    () =>
      runLoadScenario(system, {
        name: '4-postgres-stopped',
        title: 'PostgreSQL stopped under load (read model and FerretDB storage), then started',
        fault: async (notes) => {
          await servers.stop('postgres');
          const queryWhileDown = await request(`${system.postQuery.api}/posts`);
          await delay(SIZES.downMs);
          await servers.start('postgres');
          notes.push(
            `PostgreSQL down ${SIZES.downMs / 1000} s (stack.sh stop postgres); FerretDB stores in it, so post-cmd answered 503 meanwhile`,
            `a query while it was down: ${queryWhileDown.status} ${String(queryWhileDown.body?.type)}`,
          );
          expect(queryWhileDown.status).toBe(503);
        },
      }),
    scenarioTimeout,
  );

  it(
    'post-query killed in the middle of a projection rebuild under load',
    () =>
      runLoadScenario(system, {
        name: '5-rebuild-under-load',
        title:
          'post-details rebuilt beside the live build under load, post-query killed mid-rebuild',
        fault: async (notes) => {
          const rebuild = await request<{ build: { build: number } }>(
            `${system.postQuery.api}/admin/projections/post-details/rebuild`,
            { method: 'POST', as: ADMIN },
          );
          expect(rebuild.status).toBe(202);
          const { build } = rebuild.body.build;
          const projection = async () =>
            (
              await request<{ items: ProjectionState[] }>(
                `${system.postQuery.api}/admin/projections`,
                { as: ADMIN },
              )
            ).body.items.find((item) => item.name === 'post-details')!;
          // Killed once the republish feeding the build is under way.
          await eventually(
            async () => expect((await projection()).rebuild?.replayJob).toBeTruthy(),
            {
              timeoutMs: 30_000,
              intervalMs: 100,
            },
          );
          await system.postQuery.kill();
          await system.postQuery.restart();
          const afterRestart = await projection();
          expect(afterRestart.live.build).toBe(build - 1);
          await eventually(async () => expect((await projection()).live.build).toBe(build), {
            timeoutMs: 300_000,
            intervalMs: 500,
          });
          const done = await projection();
          notes.push(
            `POST /admin/projections/post-details/rebuild (build ${build}); post-query killed (SIGKILL) once its republish was under way, and restarted`,
            `after the restart, build ${afterRestart.live.build} still live and build ${afterRestart.rebuild?.build ?? '-'} ${afterRestart.rebuild?.state ?? 'gone'}; build ${done.live.build} live at ${done.live.switchedAt}`,
          );
        },
      }),
    scenarioTimeout,
  );
});

interface ProjectionState {
  readonly name: string;
  readonly live: { readonly build: number; readonly switchedAt: string | null };
  readonly rebuild: {
    readonly build: number;
    readonly state: string;
    readonly replayJob: string | null;
  } | null;
}

async function countUnpublished(system: SystemUnderTest): Promise<number> {
  const client = await MongoClient.connect(process.env.MONGO_URL!);
  try {
    return await client
      .db(system.environment.variables.MONGO_DATABASE)
      .collection('events')
      .countDocuments({ outbox: { $exists: true } });
  } finally {
    await client.close();
  }
}

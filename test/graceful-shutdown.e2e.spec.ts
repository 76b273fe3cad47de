import { MongoClient } from 'mongodb';
import { eventually } from './support/eventually';
import { Connection } from './support/raw-connection';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { startServiceProcess, type ServiceProcess } from './support/service-process';
import { bearer } from './support/tokens';

const CLIENTS = 8;
const DRAIN_MS = 1_500;

/** What became of one request of the load: its HTTP status, or the network error's code. */
interface Sent {
  readonly message: string;
  readonly status?: number;
  readonly error?: string;
}

const errorCode = (error: unknown): string => {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? String(error);
};

/**
 * SIGTERM under steady load (post-cmd as a real process, real servers): the service says it is
 * not ready first, then stops taking requests; every request it took gets its answer, and each
 * accepted command is stored once and published once a new instance is up.
 */
describe('graceful shutdown', () => {
  let environment: IsolatedEnvironment;
  let postCmd: ServiceProcess;
  let mongo: MongoClient;

  beforeAll(async () => {
    environment = await isolatedEnvironment('shutdown');
    environment.apply();
    postCmd = await startServiceProcess('post-cmd', {
      // The load is one user's, far above the per-user rate limit, which is not under test here.
      env: { SHUTDOWN_DRAIN_MS: String(DRAIN_MS), RATE_LIMITS: 'off' },
    });
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
  });

  afterAll(async () => {
    await mongo?.close();
    await postCmd?.stop();
    await environment?.cleanup();
  });

  it('turns not ready, answers every request it took, and loses or doubles no event', async () => {
    const origin = postCmd.api.replace(/\/api\/v1$/, '');
    const sent: Sent[] = [];
    let stopping = false;
    let next = 0;
    const client = async () => {
      // Until the process is gone: requests after that are refused, never taken.
      while (!stopping || postCmd.alive) {
        // Told apart in the store by correlation id: the message itself is sealed there.
        const message = `load-${next++}`;
        try {
          const response = await fetch(`${postCmd.api}/posts`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-correlation-id': message,
              ...bearer('ada'),
            },
            body: JSON.stringify({ message }),
          });
          await response.text();
          sent.push({ message, status: response.status });
        } catch (error) {
          sent.push({ message, error: errorCode(error) });
          if (!postCmd.alive) return;
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);
    await eventually(() => expect(sent.filter((s) => s.status === 201).length).toBeGreaterThan(50));

    stopping = true;
    const stopped = postCmd.stop();
    await eventually(async () => {
      const ready = await fetch(`${origin}/health/ready`);
      expect(ready.status).toBe(503);
    });
    await stopped;
    await Promise.all(clients);

    const accepted = sent.filter((s) => s.status === 201);
    expect(sent.filter((s) => s.status !== undefined && s.status !== 201)).toEqual([]);
    const events = mongo.db(environment.variables.MONGO_DATABASE).collection('events');
    const stored = new Map<string, number>();
    for (const document of await events.find({}, { projection: { metadata: 1 } }).toArray()) {
      const { correlationId } = document.metadata as { correlationId: string };
      stored.set(correlationId, (stored.get(correlationId) ?? 0) + 1);
    }
    // Stored once each: no answer lost for a request that was carried out, and none doubled.
    for (const { message } of accepted) expect(stored.get(message)).toBe(1);
    for (const { message, error } of sent.filter((s) => s.error !== undefined)) {
      expect({ message, error, stored: stored.get(message) ?? 0 }).toEqual({
        message,
        error,
        stored: 0,
      });
    }
    expect(stored.size).toBe(accepted.length);

    // What the stopped instance had not published, the next one does.
    await postCmd.restart();
    await eventually(
      async () => expect(await events.countDocuments({ outbox: { $exists: true } })).toBe(0),
      {
        timeoutMs: 30_000,
      },
    );
  });

  it('closes idle keep-alive connections and exits, without waiting out their timeout (65 s)', async () => {
    const idle = [new Connection(postCmd.api), new Connection(postCmd.api)];
    for (const connection of idle) await connection.get('/health/live');
    const stopping = Date.now();

    await postCmd.stop();
    await Promise.all(idle.map((connection) => connection.closed));

    expect(Date.now() - stopping).toBeLessThan(DRAIN_MS + 5_000);
  });
});

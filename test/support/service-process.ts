import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { NoUseWaiting, eventually } from './eventually';
import { releasePostCmdPort, takePostCmdPort } from './post-cmd-port';

const ROOT = join(__dirname, '..', '..');

/** The two services, and the local stack's web page (apps/web). */
export type ServiceName = 'post-cmd' | 'post-query' | 'web';

export interface ServiceProcess {
  readonly api: string;
  /** Started and answering; false once the process has exited, whether it was told to or not. */
  readonly alive: boolean;
  /** SIGKILL: no shutdown hook runs, as in a crash or an OOM kill. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  /** Starts it again, on the same port, so that clients keep their address. */
  restart(): Promise<void>;
}

export interface ServiceProcessOptions {
  /** Where the service's output goes; by default the test's stderr. */
  readonly logFile?: string;
  /** Variables on top of process.env; `undefined` unsets one. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Options for node itself (a profiler, say). */
  readonly nodeOptions?: readonly string[];
  /**
   * Run the built JavaScript (`npm run build`) as `npm start` and the Dockerfile do, rather than
   * the sources through ts-node: what a benchmark measures.
   */
  readonly built?: boolean;
  /** The port to listen on, when others must know it before it starts (a free one otherwise). */
  readonly port?: number;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

/** Started by this test file and not yet exited: what `killServiceProcessesLeftRunning` ends. */
const running = new Set<ChildProcess>();

/**
 * SIGKILLs every service process a test file left running, e.g. the first of two started
 * together when the second failed to start and the file never got either to stop. A process
 * left running would hold its port and consumer group into later files and keep Jest from
 * exiting.
 */
export async function killServiceProcessesLeftRunning(): Promise<void> {
  await Promise.all(
    [...running].map((child) => {
      child.kill('SIGKILL');
      return exited(child);
    }),
  );
}

/** What answers once a service is up: a service's OpenAPI document, the page's page. */
const probeOf = (service: ServiceName): string => (service === 'web' ? '/' : '/api/docs-json');

/** How node starts a service: its sources through ts-node, or its build in dist/. */
const entryOf = (service: ServiceName, built: boolean): string[] =>
  built
    ? [`dist/apps/${service}/apps/${service}/src/main.js`]
    : ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', `apps/${service}/src/main.ts`];

/**
 * A service as a real process, configured from process.env, so that a test can kill it at any
 * point and start it again.
 */
export async function startServiceProcess(
  service: ServiceName,
  options: ServiceProcessOptions = {},
): Promise<ServiceProcess> {
  const ownPort =
    options.port === undefined && service === 'post-cmd'
      ? takePostCmdPort({ ...process.env, ...options.env })
      : undefined;
  const port = options.port ?? ownPort ?? (await freePort());
  const output = options.logFile === undefined ? 'inherit' : openSync(options.logFile, 'a');
  let child: ChildProcess;
  /** Answering since its last launch: a load balancer's health check would send it requests. */
  let ready = false;

  const launch = async (): Promise<void> => {
    ready = false;
    const started = spawn(
      process.execPath,
      [...(options.nodeOptions ?? []), ...entryOf(service, options.built ?? false)],
      {
        cwd: ROOT,
        env: Object.fromEntries(
          Object.entries({
            ...process.env,
            ...options.env,
            PORT: String(port),
            TS_NODE_TRANSPILE_ONLY: 'true',
          }).filter(([, value]) => value !== undefined),
        ),
        stdio: ['ignore', output === 'inherit' ? 'ignore' : output, output],
      },
    );
    child = started;
    running.add(started);
    started.once('exit', () => running.delete(started));
    try {
      await eventually(
        async () => {
          if (started.exitCode !== null || started.signalCode !== null)
            throw new NoUseWaiting(
              `${service} exited with ${started.exitCode ?? started.signalCode}`,
            );
          const response = await fetch(`http://127.0.0.1:${port}${probeOf(service)}`);
          if (!response.ok) throw new Error(`${service} answered ${response.status}`);
        },
        { timeoutMs: 60_000, intervalMs: 100 },
      );
    } catch (error) {
      // Nobody gets a handle on a process that never answered: it is ended here.
      started.kill('SIGKILL');
      await exited(started);
      throw error;
    }
    ready = true;
  };

  await launch();
  return {
    api: `http://127.0.0.1:${port}/api/v1`,
    get alive() {
      return ready && child.exitCode === null && child.signalCode === null;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      // Shutting down: a load balancer's readiness check takes it out first.
      ready = false;
      child.kill('SIGTERM');
      await exited(child);
      if (ownPort !== undefined) releasePostCmdPort(ownPort);
    },
    restart: launch,
  };
}

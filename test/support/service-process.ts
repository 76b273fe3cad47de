import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { eventually } from './eventually';

const ROOT = join(__dirname, '..', '..');

export interface ServiceProcess {
  readonly api: string;
  /** SIGKILL: no shutdown hook runs, as in a crash or an OOM kill. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
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

/**
 * A service as a real process (its sources through ts-node), configured from process.env, so
 * that a test can kill it at any point.
 */
export async function startServiceProcess(
  service: 'post-cmd' | 'post-query',
): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', `apps/${service}/src/main.ts`],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), TS_NODE_TRANSPILE_ONLY: 'true' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const api = `http://127.0.0.1:${port}/api/v1`;
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode}`);
    const response = await fetch(`http://127.0.0.1:${port}/api/docs-json`);
    if (!response.ok) throw new Error(`${service} answered ${response.status}`);
  });
  return {
    api,
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

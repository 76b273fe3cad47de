import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { SERVER_VARIABLES, type Server } from './server-addresses';

const STACK = join(__dirname, '..', '..', 'scripts', 'stack.sh');

/**
 * The environment for scripts/stack.sh: the addresses the tests set are not passed on, and a
 * private stack's folder and ports are.
 */
function stackEnvironment(settings: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...settings };
  for (const variable of Object.values(SERVER_VARIABLES)) delete env[variable];
  return env;
}

/** Runs scripts/stack.sh on its own servers. */
const stack = (...args: string[]): string =>
  execFileSync('bash', [STACK, ...args], {
    encoding: 'utf8',
    env: stackEnvironment(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });

/** The same, without blocking the test's event loop (its clients keep running meanwhile). */
export const stackInBackground = async (
  settings: Record<string, string>,
  ...args: string[]
): Promise<string> => {
  const { stdout } = await promisify(execFile)('bash', [STACK, ...args], {
    env: stackEnvironment(settings),
  });
  return stdout;
};

/** The servers that scripts/stack.sh reports as stopped. */
function stoppedServers(): Set<string> {
  let status: string;
  try {
    status = stack('status');
  } catch (error) {
    // `status` exits 1 when a server is stopped; its report is still on stdout.
    status = (error as { stdout: string }).stdout;
  }
  return new Set(
    status
      .split('\n')
      .filter((line) => line.includes('stopped'))
      .map((line) => line.split(/\s+/)[0] ?? ''),
  );
}

/**
 * Starts the servers with scripts/stack.sh (installing what is missing) and sets their
 * addresses in the environment. Resolves to the servers this call started, and only those
 * are stopped afterwards: a stack a developer already had running stays up.
 */
export function startLocalStack(servers: readonly Server[]): Server[] {
  const stopped = stoppedServers();
  stack('up', ...servers);
  for (const line of stack('env').split('\n')) {
    const match = /^export (\w+)=(.*)$/.exec(line);
    if (!match) continue;
    const [, name, value] = match;
    const server = servers.find((candidate) => SERVER_VARIABLES[candidate] === name);
    if (server) process.env[name!] = value;
  }
  return servers.filter((server) => stopped.has(server));
}

export function stopLocalStack(servers: readonly Server[]): void {
  if (servers.length > 0) stack('down', ...servers);
}

/** Set by the global setup when all three servers are the local stack's. */
export const LOCAL_STACK_MARKER = 'TEST_SERVERS_ON_LOCAL_STACK';

export const onLocalStack = (): boolean => process.env[LOCAL_STACK_MARKER] === '1';

/** Servers a fault test may SIGKILL, stop alone (leaving those that use it running) and start again. */
export interface ControllableStack {
  kill(server: Server): Promise<void>;
  stop(server: Server): Promise<void>;
  /** Starts it again, waiting until it answers. */
  start(server: Server): Promise<void>;
  /** Stops what this stack started for the test file: nothing, when it is the shared one. */
  release(): Promise<void>;
  /** What `scripts/stack.sh env` says of it (the secure Kafka listener's KAFKA_SECURE_*, say). */
  variables(): Promise<Record<string, string>>;
}

/** The `export NAME=value` lines a stack.sh command printed. */
export const exportsOf = (output: string): Record<string, string> =>
  Object.fromEntries(
    output.split('\n').flatMap((line) => {
      const match = /^export (\w+)=(.*)$/.exec(line);
      return match ? [[match[1]!, match[2]!]] : [];
    }),
  );

/** A stack of the test file's own: its own folder, and ports next to the shared stack's. */
const PRIVATE_STACK = {
  STACK_DIR: join(__dirname, '..', '..', '.stack', 'private'),
  STACK_PG_PORT: '54339',
  STACK_KAFKA_PORT: '59102',
  STACK_KAFKA_CONTROLLER_PORT: '59103',
  STACK_KAFKA_SECURE_PORT: '59104',
  STACK_MONGO_PORT: '57027',
};

const controlling = (settings: Record<string, string>, release: () => Promise<void>) => ({
  kill: async (server: Server) => void (await stackInBackground(settings, 'kill', server)),
  stop: async (server: Server) => void (await stackInBackground(settings, 'stop', server)),
  start: async (server: Server) => void (await stackInBackground(settings, 'up', server)),
  release,
  variables: async () => exportsOf(await stackInBackground(settings, 'env')),
});

/**
 * The servers of a test that kills, stops or inspects them (FerretDB's PostgreSQL). When the
 * tests run on the local stack, that one. Anywhere else (servers given in the environment,
 * which are not the tests' to kill, or containers, whose ports change when they restart) a
 * private local stack, started for the test file, which this file's environment then points
 * at. So these tests run wherever the tests run, never skip. Call it before the test file
 * reads the servers' addresses.
 */
export async function controllableStack(): Promise<ControllableStack> {
  if (onLocalStack()) return controlling({}, () => Promise.resolve());
  await stackInBackground(PRIVATE_STACK, 'up');
  const variables = exportsOf(await stackInBackground(PRIVATE_STACK, 'env'));
  for (const name of Object.values(SERVER_VARIABLES)) process.env[name] = variables[name];
  return controlling(PRIVATE_STACK, async () => {
    await stackInBackground(PRIVATE_STACK, 'down');
  });
}

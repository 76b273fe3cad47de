import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { SERVER_VARIABLES, type Server } from './server-addresses';

const STACK = join(__dirname, '..', '..', 'scripts', 'stack.sh');

/** The environment for scripts/stack.sh: the addresses the tests set are not passed on. */
function stackEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
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
const stackInBackground = async (...args: string[]): Promise<void> => {
  await promisify(execFile)('bash', [STACK, ...args], { env: stackEnvironment() });
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

/**
 * For fault tests: SIGKILL a server of the local stack, stop it alone (leaving the servers that
 * use it running), or start it again (waiting until it answers). Only possible when the tests
 * run on the local stack: see `onLocalStack`.
 */
export const killServer = (server: Server): Promise<void> => stackInBackground('kill', server);
export const stopServer = (server: Server): Promise<void> => stackInBackground('stop', server);
export const startServer = (server: Server): Promise<void> => stackInBackground('up', server);

/** Set by the global setup when all three servers are the local stack's. */
export const LOCAL_STACK_MARKER = 'TEST_SERVERS_ON_LOCAL_STACK';

export const onLocalStack = (): boolean => process.env[LOCAL_STACK_MARKER] === '1';

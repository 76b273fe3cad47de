import type { StartedTestContainer } from 'testcontainers';
import { containerRuntimeAvailable, startContainers } from './containers';
import { LOCAL_STACK_MARKER, startLocalStack } from './local-stack';
import { SERVERS, serversToProvide } from './server-addresses';
import { useTestSecret } from './test-secret';

/** What global-teardown.ts must stop; set here, in the same process. */
export interface TestServers {
  containers: StartedTestContainer[];
  stackServers: ReturnType<typeof startLocalStack>;
}

declare global {
  var testServers: TestServers | undefined;
}

/**
 * Provides MongoDB, Kafka and PostgreSQL for the integration tests: servers given in the
 * environment are used as they are; otherwise containers where a Docker engine answers, and
 * the project's local stack where none does. The same tests run in all three cases.
 */
export default async function globalSetup(): Promise<void> {
  useTestSecret();
  const missing = serversToProvide();
  globalThis.testServers = { containers: [], stackServers: [] };
  if (missing.length === 0) return;
  if (await containerRuntimeAvailable()) {
    console.log(`\nstarting containers for: ${missing.join(', ')}`);
    globalThis.testServers.containers = await startContainers(missing);
  } else {
    console.log(`\nno Docker engine: starting the local stack for: ${missing.join(', ')}`);
    globalThis.testServers.stackServers = startLocalStack(missing);
    if (missing.length === SERVERS.length) process.env[LOCAL_STACK_MARKER] = '1';
  }
  // Test processes log warnings and errors only.
  process.env.LOG_LEVEL ??= 'warn';
  // Tests start and stop services all the time, with no load balancer to drain: no pause.
  process.env.SHUTDOWN_DRAIN_MS ??= '0';
}

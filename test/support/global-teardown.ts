import { stopLocalStack } from './local-stack';

/** Stops exactly what global-setup.ts started; KEEP_TEST_SERVERS=1 leaves the stack running. */
export default async function globalTeardown(): Promise<void> {
  const started = globalThis.testServers;
  if (!started) return;
  await Promise.all(started.containers.map((container) => container.stop()));
  if (process.env.KEEP_TEST_SERVERS !== '1') stopLocalStack(started.stackServers);
}

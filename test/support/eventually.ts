import { setTimeout as delay } from 'node:timers/promises';

/** Thrown by a probe when waiting longer cannot help (what it waits for has died). */
export class NoUseWaiting extends Error {}

/**
 * Retries `probe` until it resolves (its assertions pass) or the deadline passes, then fails
 * with the probe's last error (at once if it is `NoUseWaiting`): how tests wait for asynchronous work without sleeping blindly.
 */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  { timeoutMs = 20_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (error instanceof NoUseWaiting || Date.now() > deadline) throw error;
    }
    await delay(intervalMs);
  }
}

import { setTimeout as delay } from 'node:timers/promises';

/**
 * Retries `probe` until it resolves (its assertions pass) or the deadline passes, then fails
 * with the probe's last error: how tests wait for asynchronous work without sleeping blindly.
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
      if (Date.now() > deadline) throw error;
    }
    await delay(intervalMs);
  }
}

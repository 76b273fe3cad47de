import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { measure, row, waitUntil, type BenchResult } from './support/measure';
import { benchEnvironment } from './support/system';
import type { BenchSizes } from './sizes';

const POSTS = 20;

/**
 * 3. At a steady rate below saturation, the time from a command's 2xx to the query showing
 * that version (polled every 2 ms).
 */
export async function commandToVisible(sizes: BenchSizes): Promise<BenchResult> {
  const bench = await benchEnvironment('bench_visible');
  try {
    const postCmd = await bench.start('post-cmd');
    const postQuery = await bench.start('post-query');
    const command = async (path: string, body: unknown) => {
      const response = await fetch(`${postCmd.api}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return (await response.json()) as { postId: string; version: number };
    };
    const shownVersion = async (postId: string) => {
      const response = await fetch(`${postQuery.api}/posts/${postId}`);
      return response.ok ? ((await response.json()) as { version: number }).version : 0;
    };
    const posts: string[] = [];
    for (let n = 0; n < POSTS; n++)
      posts.push((await command('/posts', { author: 'ada', message: `post ${n}` })).postId);
    await waitUntil('the posts visible', async () => (await shownVersion(posts[POSTS - 1]!)) === 1);

    const count = sizes.visibleRate * sizes.visibleSeconds;
    const latencies: number[] = [];
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let index = 0; index < count; index++) {
      const due = started + (index * 1000) / sizes.visibleRate;
      await delay(Math.max(0, due - performance.now()));
      inFlight.push(
        (async () => {
          const postId = posts[index % POSTS]!;
          const { version } = await command(`/posts/${postId}/likes`, { username: `fan-${index}` });
          const answered = performance.now();
          while ((await shownVersion(postId)) < version) await delay(2);
          latencies.push(performance.now() - answered);
        })(),
      );
    }
    await Promise.all(inFlight);
    const result = measure(count, (performance.now() - started) / 1000, latencies);
    return {
      name: 'Command → visible',
      description: `likes at a steady ${sizes.visibleRate}/s for ${sizes.visibleSeconds} s: time from the 2xx to the query showing that version`,
      rows: [row(`${sizes.visibleRate} commands/s`, result)],
      target: { text: 'p99 < 50 ms', met: (result.p99 ?? Infinity) < 50 },
      notes: [],
    };
  } finally {
    await bench.close();
  }
}

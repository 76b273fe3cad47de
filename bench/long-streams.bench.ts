import { randomUUID } from 'node:crypto';
import { eventOf } from './support/event-history';
import { row, runConcurrently, type BenchResult, type BenchRow } from './support/measure';
import { benchEnvironment, seedEventStore } from './support/system';
import type { BenchSizes } from './sizes';
import { bearer } from '../test/support/tokens';

/**
 * 5. Command latency on posts whose streams are 10, 1k, 10k and 100k events long. A load reads
 * the latest snapshot and the events after it, so the cost should not grow with the stream. The
 * seeded streams have no snapshot yet: one like on each, not measured, replays it and saves one,
 * as the first command after an upgrade would.
 */
export async function longStreams(sizes: BenchSizes): Promise<BenchResult> {
  const bench = await benchEnvironment('bench_streams');
  try {
    const mongo = await bench.mongo();
    const at = new Date().toISOString();
    const posts = sizes.streamLengths.map((length) => ({ length, postId: randomUUID() }));
    for (const { length, postId } of posts) {
      const stream = Array.from({ length }, (_, index) => eventOf(postId, index + 1, at));
      await seedEventStore(mongo, bench.environment.variables.MONGO_DATABASE!, stream);
    }
    const postCmd = await bench.start('post-cmd');
    const rows: BenchRow[] = [];
    const like = async (postId: string, username: string) => {
      const response = await fetch(`${postCmd.api}/posts/${postId}/likes`, {
        method: 'POST',
        headers: bearer(username),
      });
      if (response.status !== 201) throw new Error(`like answered ${response.status}`);
    };
    const notes: string[] = [];
    for (const { length, postId } of posts) {
      const first = Date.now();
      await like(postId, `first-fan-${length}`);
      notes.push(
        `stream of ${length}: the first like, with no snapshot yet, ${Date.now() - first} ms`,
      );
      const measured = await runConcurrently(sizes.streamCommands, 1, (index) =>
        like(postId, `fan-${length}-${index}`),
      );
      rows.push(row(`stream of ${length.toLocaleString('en')} events`, measured));
    }
    const shortest = rows[0]!.ours.p50!;
    const longest = rows.at(-1)!.ours.p50!;
    const total = sizes.streamLengths.reduce((sum, length) => sum + length, 0);
    return {
      name: 'Long streams',
      description: `${sizes.streamCommands} likes one after another on each post; the store holds ${total} events in all`,
      rows,
      target: {
        text: `p50 at ${sizes.streamLengths.at(-1)!.toLocaleString('en')} events ≤ 2× p50 at ${sizes.streamLengths[0]} (here ${(longest / shortest).toFixed(2)}×)`,
        met: longest <= 2 * shortest,
      },
      notes,
    };
  } finally {
    await bench.close();
  }
}

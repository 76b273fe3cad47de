import { randomUUID } from 'node:crypto';
import { eventOf } from './support/event-history';
import { row, runConcurrently, type BenchResult, type BenchRow } from './support/measure';
import { benchEnvironment, seedEventStore } from './support/system';
import type { BenchSizes } from './sizes';

/**
 * 5. Command latency on posts whose streams are 10, 1k and 10k events long: every command loads
 * its post's whole stream (no snapshots), so this is how cost grows with stream length.
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
    for (const { length, postId } of posts) {
      const measured = await runConcurrently(sizes.streamCommands, 1, async (index) => {
        const response = await fetch(`${postCmd.api}/posts/${postId}/likes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: `fan-${length}-${index}` }),
        });
        if (response.status !== 201) throw new Error(`like answered ${response.status}`);
      });
      rows.push(row(`stream of ${length} events`, measured));
    }
    const total = sizes.streamLengths.reduce((sum, length) => sum + length, 0);
    return {
      name: 'Long streams',
      description: `${sizes.streamCommands} likes one after another on each post; the store holds ${total} events in all`,
      rows,
      notes: [],
    };
  } finally {
    await bench.close();
  }
}

import { randomUUID } from 'node:crypto';
import type { EventDocument } from '../apps/post-cmd/src/event-store/event-document';
import { CpuAccount, describeCpu } from './support/cpu';
import { eventHistory, eventOf } from './support/event-history';
import { row, runConcurrently, type BenchResult, type BenchRow } from './support/measure';
import { rawAppender } from './support/raw-commands';
import { benchEnvironment, seedEventStore } from './support/system';
import type { BenchSizes } from './sizes';
import { bearer } from '../test/support/tokens';

const SEED_CHUNK = 100_000;

/**
 * 6. A command's cost as the store grows: likes on a fresh post, one at a time, with 10k, 100k
 * and 1M events of other posts in the store (already published); beside the raw drivers doing a
 * like's I/O (load the post, insert, produce) on the same store at each size.
 */
export async function storeSize(sizes: BenchSizes): Promise<BenchResult> {
  const bench = await benchEnvironment('bench_store_size');
  const producer = bench.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  try {
    const mongo = await bench.mongo();
    const database = bench.environment.variables.MONGO_DATABASE!;
    const events = mongo.db(database).collection<EventDocument>('events');
    const postCmd = await bench.start('post-cmd');
    await producer.connect();
    const rawAppend = rawAppender(events, producer, bench.topic);
    const at = new Date().toISOString();
    const like = async (postId: string, index: number) => {
      const response = await fetch(`${postCmd.api}/posts/${postId}/likes`, {
        method: 'POST',
        headers: bearer(`fan-${index}`),
      });
      if (response.status !== 201) throw new Error(`like answered ${response.status}`);
    };

    const rows: BenchRow[] = [];
    const notes: string[] = [];
    let stored = 0;
    for (const size of sizes.storeSizes) {
      const seeding = Date.now();
      while (stored < size) {
        const count = Math.min(SEED_CHUNK, size - stored);
        await seedEventStore(mongo, database, eventHistory(count, sizes.eventsPerPost));
        stored += count;
      }
      console.log(`    seeded ${size} events in ${Math.round((Date.now() - seeding) / 1000)} s`);

      const created = await fetch(`${postCmd.api}/posts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer('ada') },
        body: JSON.stringify({ message: 'A fresh post' }),
      });
      const { postId } = (await created.json()) as { postId: string };
      const cpu = new CpuAccount();
      const ours = await runConcurrently(sizes.storeCommands, 1, (index) => like(postId, index));
      const oursCpu = cpu.perOperation(sizes.storeCommands);

      const rawPost = randomUUID();
      await rawAppend(rawPost, () => eventOf(rawPost, 1, at));
      const rawCpu = new CpuAccount();
      const raw = await runConcurrently(sizes.storeCommands, 1, () =>
        rawAppend(rawPost, (version) => ({ ...eventOf(rawPost, 2, at), version })),
      );
      rows.push(row(`${size.toLocaleString('en')} events in the store`, ours, raw));
      notes.push(
        `CPU per like at ${size.toLocaleString('en')} events: ours ${describeCpu(oursCpu)}; ` +
          `baseline ${describeCpu(rawCpu.perOperation(sizes.storeCommands))}`,
      );
    }
    const first = rows[0]!.ours.p50!;
    const last = rows.at(-1)!.ours.p50!;
    return {
      name: 'Store size',
      description: `${sizes.storeCommands} likes one after another on a fresh post, the store holding other posts' events (published); baseline: raw mongodb + kafkajs doing a like's I/O on the same store`,
      rows,
      target: {
        text: `p50 at ${sizes.storeSizes.at(-1)!.toLocaleString('en')} ≤ 1.3× p50 at ${sizes.storeSizes[0]!.toLocaleString('en')} (here ${(last / first).toFixed(2)}×)`,
        met: last <= 1.3 * first,
      },
      notes,
    };
  } finally {
    await producer.disconnect();
    await bench.close();
  }
}

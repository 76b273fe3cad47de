import { performance } from 'node:perf_hooks';
import { BUCKETS, type EventDocument } from '../apps/post-cmd/src/event-store/event-document';
import { CpuAccount, describeCpu } from './support/cpu';
import { eventHistory } from './support/event-history';
import { measure, row, waitUntil, type BenchResult } from './support/measure';
import { PeakMemory, describeMemory } from './support/memory';
import { benchEnvironment, seedEventStore } from './support/system';
import type { BenchSizes } from './sizes';
import { ADMIN, bearer } from '../test/support/tokens';

const SEED_CHUNK = 100_000;

/**
 * 4. The read side rebuilt from stored events: `POST /admin/republish` on post-cmd until
 * post-query has applied them all. The baseline: the raw driver reading the same events in the
 * same order (bucket by bucket, each sorted by post and version), nothing else.
 */
export async function rebuild(sizes: BenchSizes): Promise<BenchResult> {
  const count = sizes.rebuildEvents;
  const bench = await benchEnvironment('bench_rebuild');
  try {
    const mongo = await bench.mongo();
    const database = bench.environment.variables.MONGO_DATABASE!;
    const postCmd = await bench.start('post-cmd');
    await bench.start('post-query');
    const seeding = Date.now();
    for (let seeded = 0; seeded < count; seeded += SEED_CHUNK) {
      await seedEventStore(
        mongo,
        database,
        eventHistory(Math.min(SEED_CHUNK, count - seeded), sizes.eventsPerPost),
      );
    }
    console.log(`    seeded ${count} events in ${Math.round((Date.now() - seeding) / 1000)} s`);

    const events = mongo.db(database).collection<EventDocument>('events');
    const rawCpu = new CpuAccount();
    const rawMemory = new PeakMemory();
    const rawStarted = performance.now();
    let read = 0;
    let rawFirst = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      read += (await events.find({ bucket }).sort({ aggregateId: 1, version: 1 }).toArray()).length;
      rawFirst ||= performance.now() - rawStarted;
    }
    const raw = measure(read, (performance.now() - rawStarted) / 1000);
    const rawCpuPerEvent = rawCpu.perOperation(read / 1000);
    const rawPeaks = rawMemory.stop();

    const cpu = new CpuAccount();
    const memory = new PeakMemory();
    const started = performance.now();
    const response = await fetch(`${postCmd.api}/admin/republish`, {
      method: 'POST',
      headers: bearer(ADMIN),
    });
    if (response.status !== 202) throw new Error(`republish answered ${response.status}`);
    await waitUntil('the first events republished', async () => {
      const progress = await fetch(`${postCmd.api}/admin/republish`, { headers: bearer(ADMIN) });
      return ((await progress.json()) as { republished: number }).republished > 0;
    });
    const firstPublished = performance.now() - started;
    await waitUntil(
      'the read model rebuilt',
      async () => (await bench.projectedEvents()) === count,
      {
        intervalMs: 200,
        timeoutMs: 3_600_000,
      },
    );
    const ours = measure(count, (performance.now() - started) / 1000);
    const cpuPerEvent = cpu.perOperation(count / 1000);
    const peaks = memory.stop();
    const ratio = ours.perSecond / raw.perSecond;
    return {
      name: 'Rebuild',
      description: `${count.toLocaleString('en')} stored events republished and projected into empty read tables; baseline: the raw mongodb driver reading them in the same order`,
      rows: [row('end to end, events/s', ours, raw)],
      target: { text: '≥ 0.8× the raw read', met: ratio >= 0.8 },
      notes: [
        `first chunk on Kafka ${Math.round(firstPublished)} ms after the request (the raw read's first bucket: ${Math.round(rawFirst)} ms)`,
        `peak resident memory during the rebuild (largest process of each): ${describeMemory(peaks)}; during the raw read: ${describeMemory(rawPeaks)}`,
        `CPU per 1,000 events: ours ${describeCpu(cpuPerEvent)}; baseline ${describeCpu(rawCpuPerEvent)}`,
        'the baseline only reads the event store: no Kafka, no PostgreSQL',
      ],
    };
  } finally {
    await bench.close();
  }
}

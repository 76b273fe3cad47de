import { performance } from 'node:perf_hooks';
import { CpuAccount, describeCpu } from './support/cpu';
import { eventHistory } from './support/event-history';
import { measure, row, waitUntil, type BenchResult } from './support/measure';
import { benchEnvironment, seedEventStore } from './support/system';
import type { BenchSizes } from './sizes';

/**
 * 4. The read side rebuilt from stored events: `POST /admin/republish` on post-cmd until
 * post-query has applied them all. For scale, the raw driver reading the same events in order.
 */
export async function rebuild(sizes: BenchSizes): Promise<BenchResult> {
  const count = sizes.rebuildEvents;
  const bench = await benchEnvironment('bench_rebuild');
  try {
    const mongo = await bench.mongo();
    const database = bench.environment.variables.MONGO_DATABASE!;
    await seedEventStore(mongo, database, eventHistory(count, sizes.eventsPerPost));

    const rawCpu = new CpuAccount();
    const rawStarted = performance.now();
    let read = 0;
    const cursor = mongo
      .db(database)
      .collection('events')
      .find()
      .sort({ aggregateId: 1, version: 1 });
    for await (const _ of cursor) read++;
    const raw = measure(read, (performance.now() - rawStarted) / 1000);
    const rawCpuPerEvent = rawCpu.perOperation(read / 1000);

    const postCmd = await bench.start('post-cmd');
    await bench.start('post-query');
    const cpu = new CpuAccount();
    const started = performance.now();
    const response = await fetch(`${postCmd.api}/admin/republish`, { method: 'POST' });
    if (response.status !== 202) throw new Error(`republish answered ${response.status}`);
    await waitUntil(
      'the read model rebuilt',
      async () => (await bench.projectedEvents()) === count,
      {
        intervalMs: 50,
      },
    );
    const ours = measure(count, (performance.now() - started) / 1000);
    const cpuPerEvent = cpu.perOperation(count / 1000);
    return {
      name: 'Rebuild',
      description: `${count} stored events republished and projected into empty read tables; for scale: the raw mongodb driver reading them in order`,
      rows: [row('end to end, events/s', ours, raw)],
      target: { text: '≥ 20,000 events/s', met: ours.perSecond >= 20_000 },
      notes: [
        'the baseline only reads the event store: no Kafka, no PostgreSQL',
        `CPU per 1,000 events: ours ${describeCpu(cpuPerEvent)}; baseline ${describeCpu(rawCpuPerEvent)}`,
      ],
    };
  } finally {
    await bench.close();
  }
}

import { performance } from 'node:perf_hooks';
import { toPostEventMessage } from '@social-posts/post-events';
import { eventHistory } from './support/event-history';
import { measure, row, waitUntil, type BenchResult } from './support/measure';
import { writeRowChanges } from './support/raw-projection';
import { benchEnvironment } from './support/system';
import type { BenchSizes } from './sizes';

const BASELINE_BATCH = 2_000;

/**
 * 2. Events already in Kafka; post-query started on them: how fast it applies them all.
 * Baseline: the same row changes written with raw `pg`, in batches.
 */
export async function projectionCatchUp(sizes: BenchSizes): Promise<BenchResult> {
  const count = sizes.projectionEvents;
  const events = eventHistory(count, sizes.eventsPerPost);
  const bench = await benchEnvironment('bench_projection');
  try {
    const producer = bench.kafka.producer();
    await producer.connect();
    for (let start = 0; start < count; start += 1_000) {
      await producer.send({
        topic: bench.topic,
        acks: -1,
        messages: events.slice(start, start + 1_000).map(toPostEventMessage),
      });
    }
    await producer.disconnect();

    await bench.start('post-query');
    // From the first applied event, so that start-up is not counted.
    await waitUntil('the first projected event', async () => (await bench.projectedEvents()) > 0, {
      intervalMs: 5,
    });
    const started = performance.now();
    await waitUntil(
      'every event projected',
      async () => (await bench.projectedEvents()) === count,
      {
        intervalMs: 20,
      },
    );
    const ours = measure(count, (performance.now() - started) / 1000);

    const client = await bench.postgres();
    await client.query('TRUNCATE posts, likes, comments, pending_events');
    const baselineStarted = performance.now();
    for (let start = 0; start < count; start += BASELINE_BATCH) {
      await writeRowChanges(client, events.slice(start, start + BASELINE_BATCH));
    }
    const baseline = measure(count, (performance.now() - baselineStarted) / 1000);
    const result = row(`${count} events, ${sizes.eventsPerPost} per post`, ours, baseline);
    return {
      name: 'Projection catch-up',
      description: `${count} events in Kafka, post-query started on them; baseline: the same row changes with raw pg in batches of ${BASELINE_BATCH}`,
      rows: [result],
      target: { text: 'ours ≥ 0.8× raw batched writes', met: (result.ratio ?? 0) >= 0.8 },
      notes: ['ours includes reading and decoding from Kafka; the baseline only writes'],
    };
  } finally {
    await bench.close();
  }
}

import { performance } from 'node:perf_hooks';
import { toPostEventMessage, type PostEventEnvelope } from '@social-posts/post-events';
import { eventHistory } from './support/event-history';
import { measure, row, waitUntil, type BenchResult, type Measure } from './support/measure';
import { writeRowChanges } from './support/raw-projection';
import { benchEnvironment, type BenchEnvironment } from './support/system';
import type { BenchSizes } from './sizes';

const BASELINE_BATCH = 2_000;
/**
 * Events per send when producing the benchmark's history: fewer round trips than 1,000 at a
 * time (a cluster acknowledges each after two copies), and each partition's batch stays under
 * the broker's 1 MB. Sent one after another: concurrent sends could reorder a post's events.
 */
const PRODUCE_SEND = 4_000;

/**
 * 2. Events already in Kafka; post-query started on them: how fast it applies them all.
 * Baseline: the same row changes written with raw `pg`, in batches.
 */
export async function projectionCatchUp(sizes: BenchSizes): Promise<BenchResult> {
  const count = sizes.projectionEvents;
  const events = eventHistory(count, sizes.eventsPerPost);
  const bench = await benchEnvironment('bench_projection');
  try {
    await produce(bench, events);
    await bench.start('post-query');
    const ours = await timeProjection(bench, count);
    const baseline = await rawProjection(bench, events);
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

/** Puts the events on the bench's topic with the raw producer, in order. */
export async function produce(
  bench: BenchEnvironment,
  events: readonly PostEventEnvelope[],
): Promise<void> {
  const producer = bench.kafka.producer();
  await producer.connect();
  try {
    for (let start = 0; start < events.length; start += PRODUCE_SEND) {
      await producer.send({
        topic: bench.topic,
        acks: -1,
        messages: events.slice(start, start + PRODUCE_SEND).map(toPostEventMessage),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

/** From the first event the read model applied to the last of `count`: start-up is not counted. */
async function timeProjection(bench: BenchEnvironment, count: number): Promise<Measure> {
  await waitUntil('the first projected event', async () => (await bench.projectedEvents()) > 0, {
    intervalMs: 5,
  });
  const started = performance.now();
  await waitUntil('every event projected', async () => (await bench.projectedEvents()) === count, {
    intervalMs: 20,
  });
  return measure(count, (performance.now() - started) / 1000);
}

/** The baseline: the same row changes with raw `pg` in batches, on emptied read tables. */
export async function rawProjection(
  bench: BenchEnvironment,
  events: readonly PostEventEnvelope[],
): Promise<Measure> {
  const client = await bench.postgres();
  // The live build's tables themselves, as a hand-written projection would write them (the
  // names in `public` are views: docs/06, section 5).
  const { rows } = await client.query<{ schema: string }>(
    "SELECT schema_name AS schema FROM projection_builds WHERE projection = 'post-details' AND state = 'live'",
  );
  await client.query(`SET search_path TO ${rows[0]!.schema}, public`);
  await client.query('TRUNCATE posts, likes, comments, pending_events');
  const started = performance.now();
  for (let start = 0; start < events.length; start += BASELINE_BATCH) {
    await writeRowChanges(client, events.slice(start, start + BASELINE_BATCH));
  }
  return measure(events.length, (performance.now() - started) / 1000);
}

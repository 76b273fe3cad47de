import { performance } from 'node:perf_hooks';
import { toPostEventMessage } from '@social-posts/post-events';
import {
  OUTBOX_SLOTS,
  toEnvelope,
  toEventDocument,
  type EventDocument,
} from '../apps/post-cmd/src/event-store/event-document';
import { ConfigService } from '@nestjs/config';
import { validateEnvironment } from '@social-posts/service-runtime';
import { PostCmdEnvironment } from '../apps/post-cmd/src/config/post-cmd.environment';
import { MongoConnection } from '../apps/post-cmd/src/event-store/mongo-connection';
import { MongoEventStore } from '../apps/post-cmd/src/event-store/mongo-event-store';
import { MongoOutbox } from '../apps/post-cmd/src/outbox/mongo-outbox';
import { CpuAccount, describeCpu } from './support/cpu';
import { eventHistory } from './support/event-history';
import { measure, row, waitUntil, type BenchResult } from './support/measure';
import { benchEnvironment, type BenchEnvironment } from './support/system';
import type { BenchSizes } from './sizes';

/** Unpublished events, as post-cmd stores them while Kafka is down. */
async function seedBacklog(bench: BenchEnvironment, count: number, perPost: number) {
  const mongo = await bench.mongo();
  const events = mongo
    .db(bench.environment.variables.MONGO_DATABASE)
    .collection<EventDocument>('events');
  const history = eventHistory(count, perPost).map((event) => toEventDocument(event));
  for (let start = 0; start < history.length; start += 5_000) {
    await events.insertMany(history.slice(start, start + 5_000), { ordered: false });
  }
  return events;
}

/** Messages on the topic: the sum of its partitions' high watermarks. */
async function messagesOn(bench: BenchEnvironment): Promise<number> {
  const admin = bench.kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(bench.topic);
    return offsets.reduce((sum, { high }) => sum + Number(high), 0);
  } finally {
    await admin.disconnect();
  }
}

const SCRAPES = 3;

/**
 * What a /metrics scrape reads of the backlog (its size, and its oldest event's age) through
 * MongoOutbox, against the raw driver counting each slot alone (what the gauge read before it
 * gave the age too): SCRAPES reads each, timed.
 */
async function backlogScrapes(
  bench: BenchEnvironment,
  rawEvents: Awaited<ReturnType<typeof seedBacklog>>,
) {
  const config = new ConfigService<PostCmdEnvironment, true>(
    validateEnvironment(PostCmdEnvironment)({ ...process.env, ...bench.environment.variables }),
  );
  const connection = new MongoConnection(config);
  const outbox = new MongoOutbox(connection, new MongoEventStore(connection));
  try {
    const ours = await timed(SCRAPES, () => outbox.backlog());
    const raw = await timed(SCRAPES, async () => {
      for (let slot = 0; slot < OUTBOX_SLOTS; slot++)
        await rawEvents.countDocuments({ outbox: slot });
    });
    return { ours, raw };
  } finally {
    await connection.onApplicationShutdown();
  }
}

async function timed(times: number, work: () => Promise<unknown>) {
  const latencies: number[] = [];
  for (let n = 0; n < times; n++) {
    const started = performance.now();
    await work();
    latencies.push(performance.now() - started);
  }
  return measure(times, latencies.reduce((sum, ms) => sum + ms, 0) / 1000, latencies);
}

/**
 * 7. The outbox drained after an outage: a backlog of unpublished events (as stored while Kafka
 * was down), published by a post-cmd that starts with Kafka up. The baseline: the raw drivers
 * doing the same I/O (read each outbox slot, produce, mark published), nothing else.
 */
export async function outboxBacklog(sizes: BenchSizes): Promise<BenchResult> {
  const count = sizes.backlogEvents;
  const ours = await benchEnvironment('bench_backlog');
  const raw = await benchEnvironment('bench_backlog_raw');
  const producer = raw.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  try {
    await seedBacklog(ours, count, sizes.eventsPerPost);
    const rawEvents = await seedBacklog(raw, count, sizes.eventsPerPost);
    const scrapes = await backlogScrapes(ours, rawEvents);

    await producer.connect();
    const rawCpu = new CpuAccount();
    const rawStarted = performance.now();
    for (let slot = 0; slot < OUTBOX_SLOTS; slot++) {
      const pending = await rawEvents
        .find({ outbox: slot })
        .sort({ aggregateId: 1, version: 1 })
        .toArray();
      for (let start = 0; start < pending.length; start += 1_000) {
        const chunk = pending.slice(start, start + 1_000);
        await producer.send({
          topic: raw.topic,
          acks: -1,
          messages: chunk.map((document) => toPostEventMessage(toEnvelope(document))),
        });
        await rawEvents.updateMany(
          { outbox: slot, _id: { $in: chunk.map(({ _id }) => _id) } },
          { $unset: { outbox: '' }, $set: { publishedAt: new Date() } },
        );
      }
    }
    const baseline = measure(count, (performance.now() - rawStarted) / 1000);
    const rawCpuPerEvent = rawCpu.perOperation(count / 1000);

    const cpu = new CpuAccount();
    const started = performance.now();
    await ours.start('post-cmd');
    await waitUntil('the backlog on Kafka', async () => (await messagesOn(ours)) >= count, {
      intervalMs: 250,
      timeoutMs: 3_600_000,
    });
    const drained = measure(count, (performance.now() - started) / 1000);
    return {
      name: 'Outbox backlog',
      description: `${count.toLocaleString('en')} unpublished events (as stored while Kafka was down) published by a post-cmd started with Kafka up, from its start; baseline: raw mongodb + kafkajs reading each outbox slot, producing and marking`,
      rows: [
        row('drained, events/s', drained, baseline),
        row('backlog read by a /metrics scrape, reads/s', scrapes.ours, scrapes.raw),
      ],
      notes: [
        `a scrape's backlog read with ${count.toLocaleString('en')} waiting: ours (count and oldest event, per slot) p50 ${scrapes.ours.p50} ms; baseline (count per slot only) p50 ${scrapes.raw.p50} ms`,
        `drained in ${drained.seconds} s (ours, including post-cmd's start) and ${baseline.seconds} s (baseline)`,
        `CPU per 1,000 events: ours ${describeCpu(cpu.perOperation(count / 1000))}; baseline ${describeCpu(rawCpuPerEvent)}`,
      ],
    };
  } finally {
    await producer.disconnect();
    await raw.close();
    await ours.close();
  }
}

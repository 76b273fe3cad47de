import { performance } from 'node:perf_hooks';
import { BUCKETS, type EventDocument } from '../apps/post-cmd/src/event-store/event-document';
import { CpuAccount, describeCpu } from './support/cpu';
import { eventHistory } from './support/event-history';
import { measure, percentile, row, waitUntil, type BenchResult } from './support/measure';
import { PeakMemory, describeMemory } from './support/memory';
import { benchEnvironment, seedEventStore } from './support/system';
import type { BenchSizes } from './sizes';
import { ADMIN, bearer } from '../test/support/tokens';

const SEED_CHUNK = 100_000;
const READERS = 4;

/** Readers of post-query, each a post by id and the first page of the feed, in turn. */
class QueryLoad {
  private latencies: number[] = [];
  private failures: string[] = [];
  private running = false;
  private workers: Promise<void>[] = [];

  constructor(
    private readonly api: string,
    private readonly postIds: readonly string[],
  ) {}

  start(): void {
    this.running = true;
    this.latencies = [];
    this.failures = [];
    this.workers = Array.from({ length: READERS }, (_, n) => this.read(n));
  }

  /** Stops, and gives how many queries were answered, their p99 and what failed. */
  async stop(): Promise<{ queries: number; p99: number; failures: string[] }> {
    this.running = false;
    await Promise.all(this.workers);
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return { queries: sorted.length, p99: percentile(sorted, 99), failures: this.failures };
  }

  private async read(n: number): Promise<void> {
    for (let turn = n; this.running; turn++) {
      const path =
        turn % 2 === 0 ? `/posts/${this.postIds[turn % this.postIds.length]}` : '/posts?limit=20';
      const started = performance.now();
      const response = await fetch(`${this.api}${path}`);
      const body = (await response.json()) as { total?: number };
      this.latencies.push(performance.now() - started);
      if (response.status !== 200 || body.total === 0) {
        this.failures.push(`${path}: ${response.status}`);
      }
    }
  }
}

/**
 * 4. The read side rebuilt from stored events. First into empty tables (`POST /admin/republish`
 * on post-cmd until post-query has applied them all); then again without downtime: post-details
 * rebuilt beside that live build (`POST /admin/projections/post-details/rebuild` on
 * post-query) while readers query it, until the switch. The baseline: the raw driver reading
 * the same events in the same order (bucket by bucket, each sorted by post and version).
 */
export async function rebuild(sizes: BenchSizes): Promise<BenchResult> {
  const count = sizes.rebuildEvents;
  const bench = await benchEnvironment('bench_rebuild');
  try {
    const mongo = await bench.mongo();
    const database = bench.environment.variables.MONGO_DATABASE!;
    const postCmd = await bench.start('post-cmd');
    const postQuery = await bench.start('post-query', {
      POST_CMD_URL: postCmd.api.replace(/\/api\/v1$/, ''),
    });
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

    // Without downtime: a new build of post-details beside the live one, under queries.
    const postgres = await bench.postgres();
    const postIds = (
      await postgres.query<{ id: string }>('SELECT id FROM posts ORDER BY id LIMIT 1000')
    ).rows.map((each) => each.id);
    const queries = new QueryLoad(postQuery.api, postIds);
    queries.start();
    await new Promise((resolve) => setTimeout(resolve, sizes.rebuildQuietMs));
    const before = await queries.stop();
    queries.start();
    const rebuildStarted = performance.now();
    const rebuilt = await fetch(`${postQuery.api}/admin/projections/post-details/rebuild`, {
      method: 'POST',
      headers: bearer(ADMIN),
    });
    if (rebuilt.status !== 202) throw new Error(`rebuild answered ${rebuilt.status}`);
    await waitUntil(
      'post-details rebuilt and switched',
      async () => {
        const { rows } = await postgres.query<{ build: number }>(
          "SELECT build FROM projection_builds WHERE projection = 'post-details' AND state = 'live'",
        );
        return rows[0]?.build === 2;
      },
      { intervalMs: 200, timeoutMs: 3_600_000 },
    );
    const beside = measure(count, (performance.now() - rebuildStarted) / 1000);
    const during = await queries.stop();
    return {
      name: 'Rebuild',
      description: `${count.toLocaleString('en')} stored events republished and projected into empty read tables, then post-details rebuilt beside that live build under queries until the switch; baseline: the raw mongodb driver reading them in the same order`,
      rows: [
        row('into empty tables, events/s', ours, raw),
        row('beside the live build, to the switch, events/s', beside, raw),
      ],
      target: { text: '≥ 0.8× the raw read', met: ratio >= 0.8 },
      notes: [
        `queries during the rebuild (${READERS} readers, a post by id and the feed's first page in turn): ${during.queries} answered, p99 ${during.p99.toFixed(1)} ms, ${during.failures.length} not a full 200${during.failures.length > 0 ? ` (${during.failures.slice(0, 3).join('; ')})` : ''}; before it: ${before.queries} answered, p99 ${before.p99.toFixed(1)} ms, ${before.failures.length} not a full 200`,
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

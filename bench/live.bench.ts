import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { openEventStream, type EventStream } from '../test/support/event-stream';
import { bearer } from '../test/support/tokens';
import { collectGarbage, inspectorOnFreePort } from './support/inspector';
import { measure, percentile, row, waitUntil, type BenchResult } from './support/measure';
import { benchEnvironment } from './support/system';
import type { BenchSizes } from './sizes';

interface Change {
  readonly position: string;
  readonly correlationId: string | null;
}

/** The resident memory post-query reports about itself (prom-client's process metrics). */
async function residentBytes(api: string): Promise<number> {
  const text = await (await fetch(api.replace(/\/api\/v1$/, '/metrics'))).text();
  return Number(/^process_resident_memory_bytes(?:\{[^}]*\})? (\S+)$/m.exec(text)?.[1] ?? NaN);
}

const changesOf = (stream: EventStream): Change[] =>
  stream.events.filter((event) => event.event === 'change').map((event) => event.data as Change);

/**
 * 10. The change feed under its clients: `liveClients` streams on one post-query while commands
 * arrive at `liveRate`/s. Every client must receive every change once (checked against the
 * change log); the time from a command's answer to each client's receipt; post-query's memory
 * per idle connection; then a resume storm, every client reconnecting at once with its last id.
 * The baseline: the same clients reading the change log's rows straight from PostgreSQL, one
 * query each per change (what the feed spares the database).
 */
export async function live(sizes: BenchSizes): Promise<BenchResult> {
  const clients = sizes.liveClients;
  const bench = await benchEnvironment('bench_live');
  let streams: EventStream[] = [];
  try {
    const postCmd = await bench.start('post-cmd');
    const inspector = await inspectorOnFreePort();
    const postQuery = await bench.start(
      'post-query',
      { LIVE_MAX_CONNECTIONS: String(clients + 100) },
      { nodeOptions: inspector.nodeOptions },
    );
    const postgres = await bench.postgres();
    const url = `${postQuery.api}/live/posts`;

    // What a connection keeps: measured after a full collection on both sides, so that neither
    // the garbage of opening a thousand streams nor V8's headroom above the live heap counts.
    const memory = async () => {
      const { usedBytes } = await collectGarbage(inspector.port);
      return { heap: usedBytes, resident: await residentBytes(postQuery.api) };
    };
    const idle = await memory();
    streams = await Promise.all(Array.from({ length: clients }, () => openEventStream(url)));
    await Promise.all(streams.map((stream) => stream.waitFor('retry', 1, 120_000)));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const connected = await memory();
    const perConnection = {
      heap: (connected.heap - idle.heap) / clients,
      resident: (connected.resident - idle.resident) / clients,
    };

    // Commands at the rate, each with its own correlation id, its answer's time kept.
    const answered = new Map<string, number>();
    const receivedAt = new Map<EventStream, Map<string, number>>(
      streams.map((stream) => [stream, new Map()]),
    );
    const watch = setInterval(() => {
      const now = performance.now();
      for (const stream of streams) {
        const seen = receivedAt.get(stream)!;
        for (const change of changesOf(stream)) {
          if (change.correlationId && !seen.has(change.correlationId)) {
            seen.set(change.correlationId, now);
          }
        }
      }
    }, 5);
    const headPosition = async () =>
      (await postgres.query<{ position: string }>('SELECT position FROM post_changes_head'))
        .rows[0]!.position;
    const from = await headPosition();
    const commands = Math.round(sizes.liveRate * sizes.liveSeconds);
    const started = performance.now();
    let postId: string | undefined;
    for (let n = 0; n < commands; n++) {
      const due = started + (n * 1000) / sizes.liveRate;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      const correlationId = randomUUID();
      const path = postId === undefined || n % 10 === 0 ? '/posts' : `/posts/${postId}/likes`;
      const response = await fetch(`${postCmd.api}${path}`, {
        method: 'POST',
        headers: {
          ...bearer(path === '/posts' ? 'ada' : `fan-${n}`),
          'content-type': 'application/json',
          'x-correlation-id': correlationId,
        },
        body: path === '/posts' ? JSON.stringify({ message: `Live ${n}` }) : undefined,
      });
      answered.set(correlationId, performance.now());
      const body = (await response.json()) as { postId?: string };
      if (path === '/posts') postId = body.postId;
    }
    await waitUntil(
      'every client has every change',
      () =>
        Promise.resolve(streams.every((stream) => receivedAt.get(stream)!.size >= answered.size)),
      { timeoutMs: 120_000, intervalMs: 100 },
    );
    clearInterval(watch);
    const latencies = streams.flatMap((stream) =>
      [...receivedAt.get(stream)!].map(([id, at]) => at - answered.get(id)!),
    );
    const ours = measure(latencies.length, (performance.now() - started) / 1000, latencies);

    // Every client, every change of the log once, in order.
    const { rows } = await postgres.query<{ position: string }>(
      'SELECT position FROM post_changes WHERE position > $1 ORDER BY position',
      [from],
    );
    const expected = rows.map((each) => each.position).join(',');
    const incomplete = streams.filter(
      (stream) =>
        changesOf(stream)
          .map((change) => change.position)
          .join(',') !== expected,
    ).length;

    // The resume storm: all reconnect at once after their last id, while commands go on.
    const lastIds = streams.map((stream) => changesOf(stream).at(-1)!.position);
    for (const stream of streams) stream.close();
    const stormStarted = performance.now();
    streams = await Promise.all(lastIds.map((id) => openEventStream(url, { 'last-event-id': id })));
    await Promise.all(streams.map((stream) => stream.waitFor('retry', 1, 120_000)));
    const reconnected = performance.now() - stormStarted;
    for (let n = 0; n < 5; n++) {
      await fetch(`${postCmd.api}/posts/${postId}/likes`, {
        method: 'POST',
        headers: bearer(`storm-${n}`),
      });
    }
    await waitUntil(
      'every resumed client has the changes after its id',
      () => Promise.resolve(streams.every((stream) => changesOf(stream).length >= 5)),
      { timeoutMs: 120_000, intervalMs: 100 },
    );
    const resumedExactly = streams.filter(
      (stream, index) => changesOf(stream)[0]!.position === String(BigInt(lastIds[index]!) + 1n),
    ).length;

    // Baseline: the same number of readers polling the log themselves, one query per change.
    const baselineStarted = performance.now();
    const baselineLatencies: number[] = [];
    await Promise.all(
      Array.from({ length: Math.min(clients, 100) }, async () => {
        for (let n = 0; n < 20; n++) {
          const begin = performance.now();
          await postgres.query('SELECT * FROM post_changes WHERE position > $1 LIMIT 10', [from]);
          baselineLatencies.push(performance.now() - begin);
        }
      }),
    );
    const baseline = measure(
      baselineLatencies.length,
      (performance.now() - baselineStarted) / 1000,
      baselineLatencies,
    );
    const p99 = percentile(
      [...latencies].sort((a, b) => a - b),
      99,
    );
    const met = p99 < 250 && perConnection.resident < 50 * 1024 && incomplete === 0;
    return {
      name: 'Change feed',
      description: `${clients.toLocaleString('en')} clients on one post-query, ${commands} commands at ${sizes.liveRate}/s; latency from each command's answer to each client's receipt; baseline: a query of the change log from PostgreSQL by one client (what each client would cost the database without the feed)`,
      rows: [row('change delivered to each client, deliveries/s', ours, baseline)],
      target: {
        text: 'p99 < 250 ms, < 50 kB per idle connection, no client missing or repeating a change',
        met,
      },
      notes: [
        `clients missing or repeating a change: ${incomplete} of ${clients}`,
        `post-query's memory per idle connection, after a full collection: ${(perConnection.resident / 1024).toFixed(1)} kB resident, of which ${(perConnection.heap / 1024).toFixed(1)} kB of live JS heap`,
        `resume storm: ${clients} clients reconnected at once after their last id in ${Math.round(reconnected)} ms; ${resumedExactly} of ${clients} resumed at exactly the next position`,
        'the clients are fetch streams in the benchmark process, which parses every event: its CPU is part of the latency',
      ],
    };
  } finally {
    for (const stream of streams) stream.close();
    await bench.close();
  }
}

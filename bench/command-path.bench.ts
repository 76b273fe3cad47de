import { randomUUID } from 'node:crypto';
import { CpuAccount, describeCpu } from './support/cpu';
import { eventOf } from './support/event-history';
import {
  row,
  runConcurrently,
  type BenchResult,
  type BenchRow,
  type Measure,
  type Refused,
} from './support/measure';
import type { EventDocument } from '../apps/post-cmd/src/event-store/event-document';
import { rawAppender } from './support/raw-commands';
import { benchEnvironment } from './support/system';
import type { BenchSizes } from './sizes';
import type { ServiceProcess } from '../test/support/service-process';
import { bearer } from '../test/support/tokens';

const POSTS = 50;

/**
 * Who likes and comments: people who come back, as on a social network. Each block of POSTS
 * commands has PEOPLE_PER_BLOCK people, each acting on another post every time (so no like is
 * refused as a repeat): a person's first command makes their personal-data key, their next nine
 * use it.
 */
const PEOPLE_PER_BLOCK = 5;
const personOf = (index: number) => `fan-${Math.floor(index / POSTS)}-${index % PEOPLE_PER_BLOCK}`;

/** The command mix: a post created every tenth command, a third comments, the rest likes. */
const commandOf = (index: number, posts: readonly string[]) =>
  index % 10 === 0
    ? { kind: 'create' as const }
    : {
        kind: index % 3 === 0 ? ('comment' as const) : ('like' as const),
        postId: posts[index % posts.length]!,
      };

/** The targets (bench/README.md): throughput against the raw path, and the costs. */
const RATIO_TARGETS: Readonly<Record<number, number>> = { 1: 0.8, 8: 1.0, 32: 1.5 };
const POST_CMD_CPU_TARGET_MS = 2;

/**
 * 1. Commands over HTTP through post-cmd, against the same I/O done with the raw drivers: load
 * the post's events, insert one event, produce one message (what a hand-rolled service does).
 * Past saturation (64 and 128 clients) post-cmd refuses what it cannot start soon (503 with
 * Retry-After): the accepted commands' p99 must stay within twice the 32-client p99.
 */
export async function commandPath(sizes: BenchSizes): Promise<BenchResult> {
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const runs = new Map<number, { ours: Run; baseline: Run }>();
  for (const concurrency of sizes.concurrency) {
    const ours = await oursAt(concurrency, sizes.commands);
    const baseline = await baselineAt(concurrency, sizes.commands);
    runs.set(concurrency, { ours, baseline });
    rows.push(row(`${concurrency} concurrent clients`, ours.measure, baseline.measure));
    const refused = ours.measure.refused ? `; ${ours.measure.refused} refused (503)` : '';
    notes.push(
      `CPU per command at ${concurrency} clients: ours ${describeCpu(ours.cpu)}; ` +
        `baseline ${describeCpu(baseline.cpu)}${refused}`,
    );
  }
  const checks = targetChecks(runs);
  notes.push(...checks.map(({ text, met }) => `target ${text}: ${met ? 'met' : 'MISSED'}`));
  return {
    name: 'Command path',
    description: `${sizes.commands} create/like/comment commands per level over HTTP, services built and run as in production; baseline: raw mongodb + kafkajs, same I/O`,
    rows,
    target: {
      text: checks.map(({ text }) => text).join('; '),
      met: checks.length > 0 && checks.every(({ met }) => met),
    },
    notes,
  };
}

/** Each target the run has the levels for, with the figures it was judged on. */
function targetChecks(
  runs: ReadonlyMap<number, { ours: Run; baseline: Run }>,
): { text: string; met: boolean }[] {
  const checks: { text: string; met: boolean }[] = [];
  for (const [concurrency, { ours, baseline }] of runs) {
    const wanted = RATIO_TARGETS[concurrency];
    if (wanted === undefined) continue;
    const ratio = ours.measure.perSecond / baseline.measure.perSecond;
    checks.push({
      text: `${concurrency} clients ≥ ${wanted}× raw (${ratio.toFixed(2)})`,
      met: ratio >= wanted,
    });
  }
  const eight = runs.get(8);
  if (eight) {
    const ms = eight.ours.cpu['post-cmd'] ?? 0;
    checks.push({
      text: `post-cmd CPU at 8 clients ≤ ${POST_CMD_CPU_TARGET_MS} ms (${ms})`,
      met: ms <= POST_CMD_CPU_TARGET_MS,
    });
  }
  for (const level of [8, 32]) {
    const run = runs.get(level);
    if (!run) continue;
    const ours = run.ours.cpu.FerretDB ?? 0;
    const raw = run.baseline.cpu.FerretDB ?? 0;
    checks.push({
      text: `FerretDB CPU at ${level} clients ≤ raw (${ours} / ${raw} ms)`,
      met: ours <= raw,
    });
  }
  const bound = runs.get(32)?.ours.measure.p99;
  const overloaded = runs.get(128)?.ours.measure.p99;
  if (bound !== undefined && overloaded !== undefined) {
    checks.push({
      text: `128 clients p99 ≤ 2× the 32-client p99 (${overloaded} / ${bound} ms)`,
      met: overloaded <= 2 * bound,
    });
  }
  return checks;
}

export interface Run {
  readonly measure: Measure;
  /** CPU milliseconds per command, by process. */
  readonly cpu: Record<string, number>;
}

/** Runs `count` operations, accounting for the CPU every process spent on them. */
async function accounted(
  count: number,
  concurrency: number,
  operation: (index: number) => Promise<void | Refused>,
): Promise<Run> {
  const cpu = new CpuAccount();
  const measure = await runConcurrently(count, concurrency, operation);
  return { measure, cpu: cpu.perOperation(count) };
}

/**
 * `count` commands from `concurrency` clients through post-cmd: through `instances` of it, each
 * command to the next one in turn, as a load balancer would send them.
 */
export async function oursAt(concurrency: number, count: number, instances = 1): Promise<Run> {
  const label =
    instances === 1 ? `bench_cmd_${concurrency}` : `bench_cmd_${concurrency}_x${instances}`;
  const bench = await benchEnvironment(label);
  try {
    const postCmds: ServiceProcess[] = [];
    for (let n = 0; n < instances; n++) postCmds.push(await bench.start('post-cmd'));
    let sent = 0;
    /** Sends a command; a 503 with Retry-After is the server refusing for overload. */
    const send = async (method: string, path: string, as: string, body: unknown) => {
      const postCmd = postCmds[sent++ % postCmds.length]!;
      const response = await fetch(`${postCmd.api}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...bearer(as) },
        body: JSON.stringify(body),
      });
      const retryAfter = response.headers.get('retry-after');
      if (response.status === 503 && retryAfter !== null) {
        await response.body?.cancel();
        return { refusedForMs: Number(retryAfter) * 1000 };
      }
      if (!response.ok)
        throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { postId: string };
    };
    const posts: string[] = [];
    while (posts.length < POSTS) {
      const created = await send('POST', '/posts', 'ada', { message: `post ${posts.length}` });
      if ('postId' in created) posts.push(created.postId);
    }
    return await accounted(count, concurrency, async (index) => {
      const command = commandOf(index, posts);
      const answer =
        command.kind === 'create'
          ? await send('POST', '/posts', 'ada', { message: `post ${index}` })
          : command.kind === 'like'
            ? await send('POST', `/posts/${command.postId}/likes`, personOf(index), undefined)
            : await send('POST', `/posts/${command.postId}/comments`, personOf(index), {
                comment: `comment ${index}`,
              });
      return 'refusedForMs' in answer ? answer : undefined;
    });
  } finally {
    await bench.close();
  }
}

export async function baselineAt(concurrency: number, count: number): Promise<Run> {
  const bench = await benchEnvironment(`bench_raw_${concurrency}`);
  const producer = bench.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  try {
    const mongo = await bench.mongo();
    const events = mongo
      .db(bench.environment.variables.MONGO_DATABASE)
      .collection<EventDocument>('events');
    await events.createIndex({ aggregateId: 1, version: 1 }, { unique: true });
    await producer.connect();
    const at = new Date().toISOString();
    const append = rawAppender(events, producer, bench.topic);
    const posts = Array.from({ length: POSTS }, () => randomUUID());
    for (const postId of posts) await append(postId, () => eventOf(postId, 1, at));
    return await accounted(count, concurrency, async (index) => {
      const command = commandOf(index, posts);
      const postId = command.kind === 'create' ? randomUUID() : command.postId;
      // Versions 2 and 4 of the history are a like and a comment: the same documents ours stores.
      const shape = command.kind === 'create' ? 1 : command.kind === 'like' ? 2 : 4;
      await append(postId, (version) => ({ ...eventOf(postId, shape, at), version }));
    });
  } finally {
    await producer.disconnect();
    await bench.close();
  }
}

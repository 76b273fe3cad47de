import { randomUUID } from 'node:crypto';
import { CpuAccount, describeCpu } from './support/cpu';
import { eventOf } from './support/event-history';
import {
  row,
  runConcurrently,
  type BenchResult,
  type BenchRow,
  type Measure,
} from './support/measure';
import type { EventDocument } from '../apps/post-cmd/src/event-store/event-document';
import { rawAppender } from './support/raw-commands';
import { benchEnvironment } from './support/system';
import type { BenchSizes } from './sizes';
import type { ServiceProcess } from '../test/support/service-process';
import { bearer } from '../test/support/tokens';

const POSTS = 50;

/** The command mix: a post created every tenth command, a third comments, the rest likes. */
const commandOf = (index: number, posts: readonly string[]) =>
  index % 10 === 0
    ? { kind: 'create' as const }
    : {
        kind: index % 3 === 0 ? ('comment' as const) : ('like' as const),
        postId: posts[index % posts.length]!,
      };

/**
 * 1. Commands over HTTP through post-cmd, against the same I/O done with the raw drivers: load
 * the post's events, insert one event, produce one message (what a hand-rolled service does).
 */
export async function commandPath(sizes: BenchSizes): Promise<BenchResult> {
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  for (const concurrency of sizes.concurrency) {
    const ours = await oursAt(concurrency, sizes.commands);
    const baseline = await baselineAt(concurrency, sizes.commands);
    rows.push(row(`${concurrency} concurrent clients`, ours.measure, baseline.measure));
    notes.push(
      `CPU per command at ${concurrency} clients: ours ${describeCpu(ours.cpu)}; ` +
        `baseline ${describeCpu(baseline.cpu)}`,
    );
  }
  const worst = Math.min(...rows.map((r) => r.ratio ?? 0));
  return {
    name: 'Command path',
    description: `${sizes.commands} create/like/comment commands per level over HTTP; baseline: raw mongodb + kafkajs, same I/O`,
    rows,
    target: { text: 'ours ≥ 0.8× the raw baseline', met: worst >= 0.8 },
    notes,
  };
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
  operation: (index: number) => Promise<void>,
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
    const send = async (method: string, path: string, as: string, body: unknown) => {
      const postCmd = postCmds[sent++ % postCmds.length]!;
      const response = await fetch(`${postCmd.api}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...bearer(as) },
        body: JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { postId: string };
    };
    const posts: string[] = [];
    for (let n = 0; n < POSTS; n++)
      posts.push((await send('POST', '/posts', 'ada', { message: `post ${n}` })).postId);
    return await accounted(count, concurrency, async (index) => {
      const command = commandOf(index, posts);
      if (command.kind === 'create')
        await send('POST', '/posts', 'ada', { message: `post ${index}` });
      else if (command.kind === 'like')
        await send('POST', `/posts/${command.postId}/likes`, `fan-${index}`, undefined);
      else
        await send('POST', `/posts/${command.postId}/comments`, `fan-${index}`, {
          comment: `comment ${index}`,
        });
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

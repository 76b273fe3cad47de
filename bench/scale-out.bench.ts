import { performance } from 'node:perf_hooks';
import { startKafkaCluster } from '../test/support/kafka-cluster';
import { useVariables } from '../test/support/process-variables';
import { baselineAt, oursAt } from './command-path.bench';
import { produce, rawProjection } from './projection.bench';
import type { BenchSizes } from './sizes';
import { describeCpu } from './support/cpu';
import { eventHistory } from './support/event-history';
import {
  measure,
  row,
  waitUntil,
  type BenchResult,
  type BenchRow,
  type Measure,
} from './support/measure';
import { benchEnvironment, type BenchEnvironment } from './support/system';

const POST_QUERY_INSTANCES = [1, 2, 3] as const;
const POST_CMD_INSTANCES = [1, 2] as const;
/** Enough partitions for each of three post-query instances to get two. */
const PARTITIONS = 6;

/**
 * 8. On the local three-node Kafka cluster (replication 3, min ISR 2): projection throughput
 * with 1, 2 and 3 post-query instances in one consumer group, and command throughput through 1
 * and 2 post-cmd instances. Baselines in the same run, on the same cluster: raw `pg` writing
 * the same row changes, and raw `mongodb` + `kafkajs` doing a command's I/O.
 */
export async function scaleOut(sizes: BenchSizes): Promise<BenchResult> {
  const cluster = await startKafkaCluster();
  const restore = useVariables(cluster.variables);
  try {
    const rows: BenchRow[] = [];
    const notes: string[] = [];
    const events = eventHistory(sizes.projectionEvents, sizes.eventsPerPost);
    let rawWrites: Measure | undefined;
    for (const instances of POST_QUERY_INSTANCES) {
      const bench = await benchEnvironment(`bench_scale_query_x${instances}`, {
        partitions: PARTITIONS,
      });
      try {
        await produce(bench, events);
        // Started together, then timed from the moment the group is settled: a member that
        // joins late makes the others rebalance, which is start-up, not throughput.
        await Promise.all(Array.from({ length: instances }, () => bench.start('post-query')));
        await groupSettled(bench, instances);
        const settled = { at: performance.now(), projected: await bench.projectedEvents() };
        await waitUntil(
          'every event projected',
          async () => (await bench.projectedEvents()) === events.length,
          { intervalMs: 20 },
        );
        const measured = events.length - settled.projected;
        const ours = measure(measured, (performance.now() - settled.at) / 1000);
        rawWrites ??= await rawProjection(bench, events);
        rows.push(row(`projection, ${instances} post-query`, ours, rawWrites));
        notes.push(
          `projection with ${instances} post-query: ${settled.projected} of ${events.length} events applied before the group settled; the other ${measured} timed`,
        );
      } finally {
        await bench.close();
      }
    }
    const concurrency = Math.max(...sizes.concurrency);
    const raw = await baselineAt(concurrency, sizes.commands);
    for (const instances of POST_CMD_INSTANCES) {
      const ours = await oursAt(concurrency, sizes.commands, instances);
      rows.push(
        row(`commands, ${instances} post-cmd, ${concurrency} clients`, ours.measure, raw.measure),
      );
      notes.push(
        `CPU per command through ${instances} post-cmd: ${describeCpu(ours.cpu)}; baseline ${describeCpu(raw.cpu)}`,
      );
    }
    return {
      name: 'Scale-out on a Kafka cluster',
      description:
        `${events.length} events projected by 1, 2 and 3 post-query instances (${PARTITIONS} partitions); ` +
        `${sizes.commands} commands at ${concurrency} clients through 1 and 2 post-cmd instances; ` +
        'three Kafka nodes, replication 3, min ISR 2; baselines: raw pg writes, raw mongodb + kafkajs',
      rows,
      notes: [
        ...notes,
        'every process (three Kafka JVMs, FerretDB, PostgreSQL, the services, the client) shares this machine’s cores: the rows show what adding instances costs and whether the work spreads, not what more machines would give (bench/README.md)',
      ],
    };
  } finally {
    restore();
    await cluster.release();
  }
}

/** Waits until the consumer group is stable with `members` members: its partitions assigned. */
async function groupSettled(bench: BenchEnvironment, members: number): Promise<void> {
  const admin = bench.kafka.admin();
  await admin.connect();
  try {
    await waitUntil(
      `${members} post-query instance(s) in the consumer group`,
      async () => {
        const [group] = (await admin.describeGroups([bench.environment.variables.KAFKA_GROUP_ID!]))
          .groups;
        return group?.state === 'Stable' && group.members.length === members;
      },
      { timeoutMs: 120_000, intervalMs: 200 },
    );
  } finally {
    await admin.disconnect();
  }
}

import { Kafka, logLevel } from 'kafkajs';
import { exportsOf, stackInBackground } from './local-stack';

const cluster = (...args: string[]) => stackInBackground({}, 'cluster', ...args);

export type KafkaNode = 1 | 2 | 3;
export const KAFKA_NODES: readonly KafkaNode[] = [1, 2, 3];

/** The local three-node Kafka cluster (`scripts/stack.sh cluster`), for the scale-out suite. */
export interface KafkaCluster {
  /** KAFKA_BROKERS and the topic's replication settings, for the services. */
  readonly variables: Readonly<Record<string, string>>;
  kill(node: KafkaNode): Promise<void>;
  stop(node: KafkaNode): Promise<void>;
  /** Starts it again, waiting until it has joined. */
  start(node: KafkaNode): Promise<void>;
  /** The node leading the most partitions of the topic. */
  busiestLeader(topic: string): Promise<KafkaNode>;
  /** Stops the cluster if this call started it. */
  release(): Promise<void>;
}

/** Starts the cluster (installing Kafka's jars if missing), or uses the one running. */
export async function startKafkaCluster(): Promise<KafkaCluster> {
  const wasRunning = await cluster('status').then(
    () => true,
    () => false,
  );
  await cluster('up');
  const variables = exportsOf(await cluster('env'));
  return {
    variables,
    kill: async (node) => void (await cluster('kill', String(node))),
    stop: async (node) => void (await cluster('down', String(node))),
    start: async (node) => void (await cluster('up', String(node))),
    busiestLeader: async (topic) => {
      const admin = new Kafka({
        brokers: variables.KAFKA_BROKERS!.split(','),
        logLevel: logLevel.NOTHING,
      }).admin();
      await admin.connect();
      try {
        const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
        const led = new Map<number, number>();
        for (const { leader } of topics[0]!.partitions) led.set(leader, (led.get(leader) ?? 0) + 1);
        return [...led].sort((a, b) => b[1] - a[1])[0]![0] as KafkaNode;
      } finally {
        await admin.disconnect();
      }
    },
    release: async () => {
      if (!wasRunning) await cluster('down');
    },
  };
}

import { Kafka, logLevel } from 'kafkajs';
import { eventually } from './eventually';

/**
 * Resolves once the consumer group has committed every partition of the topic up to its end:
 * whatever was on the topic has been processed.
 */
export async function consumedToTheEnd(groupId: string, topic: string): Promise<boolean> {
  const admin = new Kafka({
    brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return ends.every(({ partition, high }) => {
      const offset = committed?.partitions.find((p) => p.partition === partition)?.offset;
      return high === '0' || offset === high;
    });
  } finally {
    await admin.disconnect();
  }
}

/** Waits (up to two minutes) until the group of `variables` has consumed its topic to the end. */
export const consumedAll = (variables: Readonly<Record<string, string>>): Promise<void> =>
  eventually(
    async () =>
      expect(await consumedToTheEnd(variables.KAFKA_GROUP_ID!, variables.KAFKA_TOPIC!)).toBe(true),
    { timeoutMs: 120_000, intervalMs: 250 },
  );

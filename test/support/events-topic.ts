import { ensurePostEventsTopic } from '@social-posts/post-events';
import { Kafka, logLevel } from 'kafkajs';

/**
 * Creates a test's events topic on the brokers in KAFKA_BROKERS as the services would: with
 * KAFKA_TOPIC_REPLICATION_FACTOR and KAFKA_TOPIC_MIN_INSYNC_REPLICAS when set (a cluster).
 */
export async function createEventsTopic(topic: string, partitions: number): Promise<void> {
  const admin = new Kafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const { KAFKA_TOPIC_REPLICATION_FACTOR: factor, KAFKA_TOPIC_MIN_INSYNC_REPLICAS: minInsync } =
      process.env;
    await ensurePostEventsTopic(admin, topic, {
      numPartitions: partitions,
      replicationFactor: factor === undefined ? 1 : Number(factor),
      minInsyncReplicas: minInsync === undefined ? undefined : Number(minInsync),
    });
  } finally {
    await admin.disconnect();
  }
}

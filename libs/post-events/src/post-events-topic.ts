import type { Admin } from 'kafkajs';

export const DEFAULT_POST_EVENTS_TOPIC = 'social-posts.post-events';

/** The consumer group of post-query's instances, which keep the read model. */
export const DEFAULT_PROJECTION_GROUP_ID = 'post-query';

/** How a topic is created: fixed once it exists (its partitions can only be added to). */
export interface TopicSettings {
  readonly numPartitions: number;
  /** Copies of each partition; 1 (a single broker) by default. */
  readonly replicationFactor?: number;
  /** Copies that must have a message before it is acknowledged; the broker's default if unset. */
  readonly minInsyncReplicas?: number;
}

/**
 * Creates the events topic unless it exists. Both services call it at start-up so either may
 * start first; if both create it at once, kafkajs answers `false` to the second. The partition
 * count is fixed at creation: keys map to partitions.
 */
export async function ensurePostEventsTopic(
  admin: Admin,
  topic: string,
  { numPartitions, replicationFactor = 1, minInsyncReplicas }: TopicSettings,
): Promise<void> {
  if ((await admin.listTopics()).includes(topic)) return;
  await admin.createTopics({
    topics: [
      {
        topic,
        numPartitions,
        replicationFactor,
        configEntries:
          minInsyncReplicas === undefined
            ? []
            : [{ name: 'min.insync.replicas', value: String(minInsyncReplicas) }],
      },
    ],
    waitForLeaders: true,
  });
}

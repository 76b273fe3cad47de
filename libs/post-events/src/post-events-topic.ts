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

/** Metadata answers a broker may give while a new topic is still reaching it. */
const NOT_THERE_YET = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);
const LEADERS_TIMEOUT_MS = 30_000;

/**
 * Creates the events topic unless it exists, and waits until each of its partitions has a
 * leader. Both services call it at start-up so either may start first; if both create it at
 * once, kafkajs answers `false` to the second. The partition count is fixed at creation: keys
 * map to partitions.
 */
export async function ensurePostEventsTopic(
  admin: Admin,
  topic: string,
  { numPartitions, replicationFactor = 1, minInsyncReplicas }: TopicSettings,
): Promise<void> {
  if (!(await admin.listTopics()).includes(topic)) {
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
      // kafkajs's own wait (on by default) fails on the answer leadersElected retries.
      waitForLeaders: false,
    });
  }
  await leadersElected(admin, topic);
}

/**
 * On a cluster, the controller has the new topic before every broker does: a broker asked for
 * its metadata meanwhile answers that it does not host it, an error kafkajs's own
 * `waitForLeaders` does not retry (found by the scale-out suite, test/faults/cluster/).
 */
async function leadersElected(admin: Admin, topic: string): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const partitions = topics[0]?.partitions ?? [];
      if (partitions.length > 0 && partitions.every((partition) => partition.leader >= 0)) return;
    } catch (error) {
      if (!NOT_THERE_YET.has((error as { type?: string }).type ?? '')) throw error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${topic} has partitions without a leader after ${LEADERS_TIMEOUT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

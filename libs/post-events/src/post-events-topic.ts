import type { Admin } from 'kafkajs';

export const DEFAULT_POST_EVENTS_TOPIC = 'social-posts.post-events';

/**
 * Creates the events topic unless it exists (kafkajs answers `false` then, also when another
 * instance created it a moment ago). Both services call it at start-up so either may start
 * first; the partition count is fixed at creation because keys map to partitions.
 */
export async function ensurePostEventsTopic(
  admin: Admin,
  topic: string,
  numPartitions: number,
): Promise<void> {
  await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
}

import type { Admin } from 'kafkajs';

export const DEFAULT_POST_EVENTS_TOPIC = 'social-posts.post-events';

/**
 * Creates the events topic unless it exists. Both services call it at start-up so either may
 * start first; if both create it at once, kafkajs answers `false` to the second. The partition
 * count is fixed at creation: keys map to partitions.
 */
export async function ensurePostEventsTopic(
  admin: Admin,
  topic: string,
  numPartitions: number,
): Promise<void> {
  if ((await admin.listTopics()).includes(topic)) return;
  await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
}

import type { StoredPostEventEnvelope } from '@social-posts/post-events';

/**
 * The posts a person acted on, from the events sealed with their key (in stream order), and for
 * each whether they wrote it. Pure: it reads event types and ids only, never a sealed field.
 */
export function touchedPosts(events: readonly StoredPostEventEnvelope[]): Map<string, boolean> {
  const posts = new Map<string, boolean>();
  for (const { aggregateId, eventType } of events) {
    posts.set(aggregateId, (posts.get(aggregateId) ?? false) || eventType === 'PostCreated');
  }
  return posts;
}

import type { ReadablePostEventEnvelope } from '@social-posts/post-events';

/**
 * Each post's tags as a batch of events leaves them: the tags of its latest message, or none once
 * it is removed (by its author or by moderation) or its author erased (their words read as null
 * from then on). Posts the batch does not change are absent.
 */
export function postTagsChanges(
  events: readonly ReadablePostEventEnvelope[],
): Map<string, readonly string[]> {
  const tags = new Map<string, readonly string[]>();
  for (const event of events) {
    switch (event.eventType) {
      case 'PostCreated':
      case 'PostMessageEdited':
        tags.set(event.aggregateId, event.data.tags ?? []);
        break;
      case 'PostRemoved':
      case 'PostTakenDown':
        tags.set(event.aggregateId, []);
        break;
      case 'PersonErased':
        if (event.data.erasesAuthor) tags.set(event.aggregateId, []);
        break;
    }
  }
  return tags;
}

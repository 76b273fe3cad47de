import { randomUUID } from 'node:crypto';
import { nameBasedUuid, type IdempotencyKey } from '@social-posts/event-sourcing';

/**
 * A new post's id: random, or, when the request has an Idempotency-Key, derived from that key
 * (a name-based UUID). A retry of the create then names the same post: on a sharded event
 * store it lands on the shard of its first attempt, where the unique version 1 and key meet it
 * (docs/10-scaling-out.md).
 */
export const newPostId = (idempotency?: IdempotencyKey): string =>
  idempotency === undefined ? randomUUID() : nameBasedUuid(`post:${idempotency.key}`);

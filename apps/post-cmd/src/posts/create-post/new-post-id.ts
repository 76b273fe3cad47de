import { createHash, randomUUID } from 'node:crypto';
import type { IdempotencyKey } from '@social-posts/event-sourcing';

/**
 * A new post's id: random, or, when the request has an Idempotency-Key, derived from that key
 * (a name-based UUID, RFC 9562 version 8, from SHA-256). A retry of the create then names the
 * same post: on a sharded event store it lands on the shard of its first attempt, where the
 * unique version 1 and key meet it (docs/10-scaling-out.md).
 */
export function newPostId(idempotency?: IdempotencyKey): string {
  if (idempotency === undefined) return randomUUID();
  const bytes = createHash('sha256').update(`post:${idempotency.key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

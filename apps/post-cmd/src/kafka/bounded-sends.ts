import type { PostEventMessage } from '@social-posts/post-events';

/**
 * Bytes a record takes in a Kafka record batch besides its key, value and headers (lengths,
 * offset and timestamp deltas, attributes), rounded up; and the batch's own header.
 */
const RECORD_OVERHEAD = 32;
const BATCH_OVERHEAD = 64;

/** What a message adds to the batch of the partition it goes to. */
export function recordBytes({ key, value, headers }: PostEventMessage): number {
  let bytes = RECORD_OVERHEAD + Buffer.byteLength(key) + Buffer.byteLength(value);
  for (const [name, headerValue] of Object.entries(headers)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(headerValue) + 8;
  }
  return bytes;
}

/**
 * Splits items, in order, into consecutive sends of at most `limit` bytes in all (the topic's
 * `max.message.bytes`), so that no partition's batch in a send is larger than the broker takes:
 * kafkajs sends what it is given as one request, whatever its size. An item larger than the
 * limit on its own goes alone, for the broker to refuse.
 */
export function* boundedSends<T>(
  items: readonly T[],
  bytesOf: (item: T) => number,
  limit: number,
): Generator<T[]> {
  let send: T[] = [];
  let bytes = BATCH_OVERHEAD;
  for (const item of items) {
    const size = bytesOf(item);
    if (send.length > 0 && bytes + size > limit) {
      yield send;
      send = [];
      bytes = BATCH_OVERHEAD;
    }
    send.push(item);
    bytes += size;
  }
  if (send.length > 0) yield send;
}

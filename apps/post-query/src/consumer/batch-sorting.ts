import type { ReadablePostEventEnvelope } from '@social-posts/post-events';
import type { KafkaMessage } from 'kafkajs';
import type { DeadLetter } from './dead-letter-publisher';
import type { OpenedEvent } from './opened-events';
import { isParkable } from './parked-posts';

/** A message of the batch and the event it holds. */
export interface ReadableMessage {
  readonly message: KafkaMessage;
  readonly envelope: ReadablePostEventEnvelope;
}

/** Per post key, the reason it is parked for and how many of its messages this batch dead-letters. */
export type Parkings = ReadonlyMap<string, { readonly reason: string; readonly count: number }>;

export interface SortedBatch {
  /** Events to project, in the batch's order. */
  readonly readable: readonly ReadableMessage[];
  readonly deadLetters: readonly DeadLetter[];
  readonly parkings: Parkings;
}

/**
 * Splits a batch into events to project and messages to dead-letter, given each message's event
 * (`events[i]` is `messages[i]`'s, as OpenedEvents reads them) and the posts already parked. A message that cannot be read (not an event of the contract, or keyed by another post
 * than its event's) is dead-lettered and parks its post, so that the post's later messages
 * follow it to the dead-letter topic, in order, while every other post goes on. A key that
 * PostgreSQL could not store (a NUL) is dead-lettered without parking.
 */
export function sortBatch(
  messages: readonly KafkaMessage[],
  events: readonly OpenedEvent[],
  parkedBefore: ReadonlySet<string>,
): SortedBatch {
  const parked = new Set(parkedBefore);
  const readable: ReadableMessage[] = [];
  const deadLetters: DeadLetter[] = [];
  const parkings = new Map<string, { reason: string; count: number }>();

  for (const [index, message] of messages.entries()) {
    const key = message.key?.toString();
    const deadLetter = (reason: string) => {
      deadLetters.push({ message, reason });
      if (key === undefined || !isParkable(key)) return;
      parked.add(key);
      const parking = parkings.get(key) ?? { reason, count: 0 };
      parkings.set(key, { ...parking, count: parking.count + 1 });
    };
    const decoded = events[index]!;
    if (key !== undefined && parked.has(key)) deadLetter(`post ${key} is parked`);
    else if (!decoded.ok) deadLetter(decoded.reason);
    else if (decoded.envelope.aggregateId !== key) deadLetter('message key is not the post id');
    else readable.push({ message, envelope: decoded.envelope });
  }
  return { readable, deadLetters, parkings };
}

import { toPostEventMessage, type PostEventEnvelope } from '@social-posts/post-events';
import type { Producer } from 'kafkajs';
import { MongoServerError, type Collection } from 'mongodb';
import {
  toEventDocument,
  type EventDocument,
} from '../../apps/post-cmd/src/event-store/event-document';

/**
 * What a hand-rolled service does for a command, with the raw drivers: load the post's events
 * (one indexed find on the post), insert the next version (again on a duplicate key), produce
 * it with `acks: -1`. The baseline our command path is compared with.
 */
export const rawAppender =
  (events: Collection<EventDocument>, producer: Producer, topic: string) =>
  async (postId: string, next: (version: number) => PostEventEnvelope): Promise<void> => {
    for (;;) {
      const stream = await events.find({ aggregateId: postId }).sort({ version: 1 }).toArray();
      const event = next(stream.length + 1);
      // No outbox: the hand-rolled service produces the event itself, right after.
      const { outbox: _produced, ...document } = toEventDocument(event);
      try {
        await events.insertOne(document);
      } catch (error) {
        if (error instanceof MongoServerError && error.code === 11000) continue;
        throw error;
      }
      await producer.send({ topic, acks: -1, messages: [toPostEventMessage(event)] });
      return;
    }
  };

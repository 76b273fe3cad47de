import { randomUUID } from 'node:crypto';
import { RestartingConsumer } from '@social-posts/service-runtime';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { eventually } from './eventually';

/** A message as read, with the partition it was read from. */
export type ReadMessage = KafkaMessage & { readonly partition: number };

export interface TopicReader {
  /** Every message received so far, in arrival order. */
  readonly messages: ReadMessage[];
  stop(): Promise<void>;
}

/** Reads a topic from the beginning with a consumer group of its own. */
export async function readTopic(topic: string): Promise<TopicReader> {
  const kafka = new Kafka({
    brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
    logLevel: logLevel.NOTHING,
  });
  const messages: ReadMessage[] = [];
  // Restarted after a crash (a broker killed, the cluster stopped), and stoppable while
  // restarting: a consumer kafkajs restarted went on reading after `stop`, past Jest's teardown.
  const reader = new RestartingConsumer(kafka, {
    config: { groupId: `reader-${randomUUID()}` },
    run: async (consumer) => {
      // On a cluster, a broker may not know a topic the controller has just created ("does not
      // host this topic-partition"), which kafkajs's subscribe does not retry.
      await eventually(() => consumer.subscribe({ topic, fromBeginning: true }), {
        timeoutMs: 30_000,
        intervalMs: 200,
      });
      await consumer.run({
        eachMessage: ({ partition, message }) => {
          messages.push({ ...message, partition });
          return Promise.resolve();
        },
      });
    },
  });
  await reader.start();
  return { messages, stop: () => reader.stop() };
}

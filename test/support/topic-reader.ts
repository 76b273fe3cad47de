import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
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
  let stopped = false;
  const consumer: Consumer = kafka.consumer({
    groupId: `reader-${randomUUID()}`,
    // kafkajs restarts a crashed consumer after a delay; a crash racing `stop` (a broker killed,
    // the cluster stopped) set that timer after disconnect cleared it, and the consumer went on
    // restarting against servers that were gone: Jest never exited.
    retry: { restartOnFailure: () => Promise.resolve(!stopped) },
  });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  // On a cluster, a broker may not know a topic the controller has just created ("does not host
  // this topic-partition"), which kafkajs's subscribe does not retry.
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
  return {
    messages,
    stop: () => {
      stopped = true;
      return consumer.disconnect();
    },
  };
}

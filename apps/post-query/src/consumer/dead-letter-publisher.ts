import type { KafkaMessage, Producer } from 'kafkajs';

/** Header names on a dead-lettered message, besides the original message's own headers. */
export const DEAD_LETTER_HEADERS = {
  reason: 'dead-letter-reason',
  topic: 'original-topic',
  partition: 'original-partition',
  offset: 'original-offset',
} as const;

export interface DeadLetter {
  readonly message: KafkaMessage;
  readonly reason: string;
}

export const deadLetterTopic = (topic: string): string => `${topic}.dead-letters`;

/**
 * Sends messages the read side cannot apply to the dead-letter topic, unchanged, with the
 * reason and where they came from. Same key, so each post's dead letters stay in order.
 */
export async function publishDeadLetters(
  producer: Producer,
  source: { topic: string; partition: number },
  deadLetters: readonly DeadLetter[],
): Promise<void> {
  if (deadLetters.length === 0) return;
  await producer.send({
    topic: deadLetterTopic(source.topic),
    acks: -1,
    messages: deadLetters.map(({ message, reason }) => ({
      key: message.key,
      value: message.value,
      headers: {
        ...message.headers,
        [DEAD_LETTER_HEADERS.reason]: reason,
        [DEAD_LETTER_HEADERS.topic]: source.topic,
        [DEAD_LETTER_HEADERS.partition]: String(source.partition),
        [DEAD_LETTER_HEADERS.offset]: message.offset,
      },
    })),
  });
}

import type { Message, Producer } from 'kafkajs';

/** Where a dead letter came from; a held event no longer has a partition or offset of its own. */
export interface DeadLetterSource {
  readonly topic: string;
  readonly partition?: number;
}

/** Header names on a dead-lettered message, besides the original message's own headers. */
export const DEAD_LETTER_HEADERS = {
  reason: 'dead-letter-reason',
  topic: 'original-topic',
  partition: 'original-partition',
  offset: 'original-offset',
} as const;

export interface DeadLetter {
  /** The message as it was on the topic; a held event is rebuilt from its envelope. */
  readonly message: Message & { readonly offset?: string };
  readonly reason: string;
}

export const deadLetterTopic = (topic: string): string => `${topic}.dead-letters`;

/**
 * Sends messages the read side cannot apply to the dead-letter topic, unchanged, with the
 * reason and where they came from. Same key, so each post's dead letters stay in order.
 */
export async function publishDeadLetters(
  producer: Producer,
  source: DeadLetterSource,
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
        ...(source.partition === undefined
          ? {}
          : { [DEAD_LETTER_HEADERS.partition]: String(source.partition) }),
        ...(message.offset === undefined ? {} : { [DEAD_LETTER_HEADERS.offset]: message.offset }),
      },
    })),
  });
}

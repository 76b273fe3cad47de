import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Kafka, KafkaJSNonRetriableError, logLevel, type Admin, type Consumer } from 'kafkajs';
import { eventually } from '@test/support/eventually';
import { RestartingConsumer } from './restarting-consumer';

/**
 * A consumer whose handling of each message is `handle`; no retries, so a message it fails on
 * crashes it at once. Each run (the start and each restart) waits for `gate` first: a restart
 * held there is one still joining its group.
 */
function consumerOf(
  kafka: Kafka,
  topic: string,
  handle: (value: string) => void,
  gate: () => Promise<void> = () => Promise.resolve(),
): RestartingConsumer {
  return new RestartingConsumer(kafka, {
    config: { groupId: `restarting-${randomUUID()}`, retry: { retries: 0 } },
    restartDelayMs: 0,
    run: async (consumer: Consumer) => {
      await gate();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: ({ message }) => {
          handle(message.value!.toString());
          return Promise.resolve();
        },
      });
    },
  });
}

describe('RestartingConsumer (a real Kafka broker)', () => {
  const kafka = new Kafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  let admin: Admin;
  let topic: string;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(() => admin.disconnect());

  beforeEach(async () => {
    topic = `restarting-consumer-${randomUUID()}`;
    await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'hello' }] });
    await producer.disconnect();
  });

  it.each([
    ['an error kafkajs retries', new Error('the first attempt fails')],
    [
      'an error kafkajs would not restart after',
      new KafkaJSNonRetriableError('the first attempt fails'),
    ],
  ])(
    'starts again after a crash on %s and reads the message it crashed on',
    async (_, error) => {
      let attempts = 0;
      const reading = consumerOf(kafka, topic, () => {
        attempts += 1;
        if (attempts === 1) throw error;
      });
      try {
        await reading.start();
        await eventually(() => expect(attempts).toBe(2), { timeoutMs: 60_000 });
      } finally {
        await reading.stop();
      }
    },
    90_000,
  );

  it('stopped while a restart is under way, waits for it to join, then leaves: nothing reads on', async () => {
    let restarted = false;
    let openGate = (): void => undefined;
    const gateOpened = new Promise<void>((resolve) => (openGate = resolve));
    const reading = consumerOf(
      kafka,
      topic,
      () => {
        throw new Error('every attempt fails');
      },
      () => {
        if (!restarted) return Promise.resolve();
        return gateOpened;
      },
    );
    reading.consumer.on(reading.consumer.events.CRASH, () => (restarted = true));
    let fetchesAfterStop = 0;
    let stopDone = false;
    reading.consumer.on(reading.consumer.events.FETCH_START, () => {
      if (stopDone) fetchesAfterStop += 1;
    });

    await reading.start();
    await eventually(() => expect(restarted).toBe(true), { timeoutMs: 60_000 });
    const stopped = reading.stop().then(() => (stopDone = true));
    await delay(1_000);
    expect(stopDone).toBe(false);
    openGate();
    await stopped;
    await delay(3_000);

    expect(fetchesAfterStop).toBe(0);
  }, 90_000);
});

import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';

/**
 * kafkajs 2.2.4 re-armed a 1 ms timer on every connection once its first request was answered,
 * for as long as the connection lived (kafkajs#1751): about 13 ms of CPU a second per idle
 * connection, and a wake-up every millisecond. patches/kafkajs+2.2.4.patch (applied by
 * `npm ci`, and by the Dockerfile) schedules a check only when a request waits or the broker
 * throttles.
 */
describe('an idle kafkajs connection (a real Kafka broker)', () => {
  const kafka = new Kafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const topic = `idle-connection-${randomUUID()}`;
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'first' }] });
  });

  afterAll(async () => {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('sets no timer while nothing is sent, and sends again when asked', async () => {
    const timers = jest.spyOn(globalThis, 'setTimeout');
    try {
      await delay(1_000);
      // The unpatched library set about a thousand in that second, per connection.
      expect(timers.mock.calls.length).toBeLessThan(10);
    } finally {
      timers.mockRestore();
    }

    await producer.send({ topic, messages: [{ value: 'after a rest' }] });
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets[0]!.high).toBe('2');
  });
});

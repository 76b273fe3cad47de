import { Kafka, logLevel, type Admin } from 'kafkajs';
import { kafkaLogCreator } from '../kafka-log';

/**
 * Asks the Kafka cluster for its brokers: whether Kafka answers now (readiness bounds the wait). The admin
 * client stays connected between pings, and is dropped after a failure so that the next ping
 * connects afresh.
 */
export class KafkaPing {
  private readonly kafka: Kafka;
  private admin: Admin | undefined;

  constructor(brokers: readonly string[], clientId: string) {
    this.kafka = new Kafka({
      clientId: `${clientId}-health`,
      brokers: [...brokers],
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      retry: { retries: 0 },
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator,
    });
  }

  /** Resolves to the number of brokers the cluster reports; rejects if it does not answer. */
  async ping(): Promise<number> {
    try {
      return await this.describe();
    } catch (error) {
      const admin = this.admin;
      this.admin = undefined;
      await admin?.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
  }

  private async describe(): Promise<number> {
    if (this.admin === undefined) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    const { brokers } = await this.admin.describeCluster();
    return brokers.length;
  }
}

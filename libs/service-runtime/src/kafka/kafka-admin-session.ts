import type { Admin, Kafka } from 'kafkajs';

/** How far a consumer group is behind on one partition of a topic. */
export interface PartitionLag {
  readonly partition: number;
  /** Messages after the group's committed offset (all of them if it has committed none). */
  readonly lag: number;
}

/**
 * An admin connection kept between calls, for questions asked often (readiness, scrapes). It is
 * dropped after a failure, so that the next call connects afresh.
 */
export class KafkaAdminSession {
  private admin: Admin | undefined;

  constructor(private readonly kafka: Kafka) {}

  /** Resolves to the number of brokers the cluster reports; rejects if it does not answer. */
  ping(): Promise<number> {
    return this.ask(async (admin) => (await admin.describeCluster()).brokers.length);
  }

  /** Each partition's lag of `groupId` on `topic`, from the group's commits and the log ends. */
  groupLag(groupId: string, topic: string): Promise<PartitionLag[]> {
    return this.ask(async (admin) => {
      // One after the other: at once, on a fresh connection, the coordinator lookup of the one
      // may find the broker pool emptied by the metadata refresh of the other.
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committedBy = new Map(
        (committed?.partitions ?? []).map(({ partition, offset }) => [partition, Number(offset)]),
      );
      return ends.map(({ partition, high, low }) => {
        const offset = committedBy.get(partition) ?? -1;
        return { partition, lag: Number(high) - (offset < 0 ? Number(low) : offset) };
      });
    });
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect();
  }

  private async ask<T>(question: (admin: Admin) => Promise<T>): Promise<T> {
    try {
      if (this.admin === undefined) {
        const admin = this.kafka.admin();
        await admin.connect();
        this.admin = admin;
      }
      return await question(this.admin);
    } catch (error) {
      await this.close().catch(() => undefined);
      throw error;
    }
  }
}

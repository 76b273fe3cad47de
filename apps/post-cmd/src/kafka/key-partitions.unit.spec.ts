import { Partitioners } from 'kafkajs';
import { keyPartitions } from './key-partitions';

describe('keyPartitions', () => {
  it('puts a key where the producer’s default partitioner does, whatever the leaders', () => {
    const partitionOf = keyPartitions('posts', 6);
    const producers = Partitioners.DefaultPartitioner();
    const partitionMetadata = [0, 1, 2, 3, 4, 5].map((partitionId) => ({
      partitionId,
      partitionErrorCode: 0,
      // Two partitions without a leader, as during a failover: keyed messages still map by count.
      leader: partitionId < 2 ? -1 : 1,
      replicas: [1],
      isr: [1],
    }));
    const keys = Array.from({ length: 200 }, (_, n) => `post-${n}`);
    for (const key of keys) {
      expect(partitionOf(key)).toBe(
        producers({ topic: 'posts', partitionMetadata, message: { key, value: null } }),
      );
    }
    expect(new Set(keys.map(partitionOf)).size).toBe(6);
  });
});

import { Partitioners, type PartitionMetadata } from 'kafkajs';

/**
 * The partition of a message key, as the producer's default partitioner picks it (murmur2 of
 * the key, modulo the topic's partition count, as Java clients do): so that the relay can send
 * each partition's messages on their own (kafka-event-sink.ts says why).
 */
export function keyPartitions(topic: string, partitionCount: number): (key: string) => number {
  const partitioner = Partitioners.DefaultPartitioner();
  // A keyed message's partition depends on the count alone, not on leaders.
  const partitionMetadata: PartitionMetadata[] = Array.from(
    { length: partitionCount },
    (_, partitionId) => ({ partitionId, partitionErrorCode: 0, leader: 0, replicas: [], isr: [] }),
  );
  return (key) => partitioner({ topic, partitionMetadata, message: { key, value: null } });
}

import { Module } from '@nestjs/common';
import { EVENT_STORE, SNAPSHOT_STORE } from '@social-posts/event-sourcing';
import { ConsumerGroupLagMetrics } from '../kafka/consumer-group-lag-metrics';
import { KafkaEventPublisher } from '../kafka/kafka-event-publisher';
import { EVENT_PUBLISHER } from './event-publisher.port';
import { MongoConnection } from './mongo-connection';
import { MongoEventStore } from './mongo-event-store';
import { MongoSnapshotStore } from './mongo-snapshot-store';
import { OutboxMetrics } from './outbox-metrics';
import { OutboxRelay } from './outbox-relay';
import { EventStoreMetrics } from './event-store-metrics';

@Module({
  providers: [
    MongoConnection,
    MongoEventStore,
    { provide: EVENT_STORE, useExisting: MongoEventStore },
    { provide: SNAPSHOT_STORE, useClass: MongoSnapshotStore },
    { provide: EVENT_PUBLISHER, useClass: KafkaEventPublisher },
    OutboxMetrics,
    OutboxRelay,
    EventStoreMetrics,
    ConsumerGroupLagMetrics,
  ],
  exports: [EVENT_STORE, SNAPSHOT_STORE, MongoConnection, MongoEventStore, OutboxRelay],
})
export class EventStoreModule {}

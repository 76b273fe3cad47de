import { Module } from '@nestjs/common';
import { EVENT_STORE } from '@social-posts/event-sourcing';
import { KafkaEventPublisher } from '../kafka/kafka-event-publisher';
import { EVENT_PUBLISHER } from './event-publisher.port';
import { MongoConnection } from './mongo-connection';
import { MongoEventStore } from './mongo-event-store';
import { OutboxRelay } from './outbox-relay';

@Module({
  providers: [
    MongoConnection,
    MongoEventStore,
    { provide: EVENT_STORE, useExisting: MongoEventStore },
    { provide: EVENT_PUBLISHER, useClass: KafkaEventPublisher },
    OutboxRelay,
  ],
  exports: [EVENT_STORE, MongoEventStore, OutboxRelay],
})
export class EventStoreModule {}

import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { ConsumerGroupLagMetrics } from '../kafka/consumer-group-lag-metrics';
import { KafkaEventSink } from '../kafka/kafka-event-sink';
import { EVENT_SINK } from './event-sink.port';
import { MongoOutbox } from './mongo-outbox';
import { OutboxMetrics } from './outbox-metrics';
import { OutboxRelay } from './outbox-relay';
import { OUTBOX } from './outbox.port';
import { PublishingTurns } from './publishing-turns';

/** Guaranteed publishing: the outbox in the event store, the relay, and Kafka behind its port. */
@Module({
  imports: [EventStoreModule],
  providers: [
    { provide: OUTBOX, useClass: MongoOutbox },
    KafkaEventSink,
    // Events travel as they are stored, personal data sealed (docs/12-privacy.md).
    { provide: EVENT_SINK, useExisting: KafkaEventSink },
    PublishingTurns,
    OutboxMetrics,
    OutboxRelay,
    ConsumerGroupLagMetrics,
  ],
  exports: [OUTBOX, EVENT_SINK, PublishingTurns, OutboxMetrics],
})
export class OutboxModule {}

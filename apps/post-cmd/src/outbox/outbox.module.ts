import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { ConsumerGroupLagMetrics } from '../kafka/consumer-group-lag-metrics';
import { KafkaEventSink } from '../kafka/kafka-event-sink';
import { OpeningEventSink } from '../personal-data/opening-event-sink';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { EVENT_SINK } from './event-sink.port';
import { MongoOutbox } from './mongo-outbox';
import { OutboxMetrics } from './outbox-metrics';
import { OutboxRelay } from './outbox-relay';
import { OUTBOX } from './outbox.port';
import { PublishingTurns } from './publishing-turns';

/** Guaranteed publishing: the outbox in the event store, the relay, and Kafka behind its port. */
@Module({
  imports: [EventStoreModule, PersonalDataModule],
  providers: [
    { provide: OUTBOX, useClass: MongoOutbox },
    KafkaEventSink,
    { provide: EVENT_SINK, useClass: OpeningEventSink },
    PublishingTurns,
    OutboxMetrics,
    OutboxRelay,
    ConsumerGroupLagMetrics,
  ],
  exports: [OUTBOX, EVENT_SINK, PublishingTurns, OutboxMetrics],
})
export class OutboxModule {}

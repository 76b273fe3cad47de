import { Module } from '@nestjs/common';
import { EVENT_STORE, SNAPSHOT_STORE } from '@social-posts/event-sourcing';
import { EVENT_HISTORY } from './event-history.port';
import { EventStoreMetrics } from './event-store-metrics';
import { MongoConnection } from './mongo-connection';
import { MongoEventHistory } from './mongo-event-history';
import { MongoEventStore } from './mongo-event-store';
import { MongoSnapshotStore } from './mongo-snapshot-store';

/** The event store in MongoDB: streams and appends, snapshots, and the history a republish reads. */
@Module({
  providers: [
    MongoConnection,
    MongoEventStore,
    { provide: EVENT_STORE, useExisting: MongoEventStore },
    { provide: SNAPSHOT_STORE, useClass: MongoSnapshotStore },
    { provide: EVENT_HISTORY, useClass: MongoEventHistory },
    EventStoreMetrics,
  ],
  exports: [EVENT_STORE, SNAPSHOT_STORE, EVENT_HISTORY, MongoConnection, MongoEventStore],
})
export class EventStoreModule {}

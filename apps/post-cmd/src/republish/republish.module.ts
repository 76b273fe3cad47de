import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { OutboxModule } from '../outbox/outbox.module';
import { GetRepublishProgressHandler } from './get-republish-progress.handler';
import { MongoRepublishJobs } from './mongo-republish-jobs';
import { RepublishEventsHttpController } from './republish-events.http.controller';
import { RepublishMetrics } from './republish-metrics';
import { Republisher } from './republisher';
import { RequestRepublishHandler } from './request-republish.handler';

/** Republishing the stored events (rebuilding a read side): jobs, their runner, the admin route. */
@Module({
  imports: [EventStoreModule, OutboxModule],
  controllers: [RepublishEventsHttpController],
  providers: [
    MongoRepublishJobs,
    Republisher,
    RepublishMetrics,
    RequestRepublishHandler,
    GetRepublishProgressHandler,
  ],
})
export class RepublishModule {}

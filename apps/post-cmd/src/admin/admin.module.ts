import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { RepublishEventsHttpController } from './republish-events.http.controller';

@Module({
  imports: [EventStoreModule],
  controllers: [RepublishEventsHttpController],
})
export class AdminModule {}

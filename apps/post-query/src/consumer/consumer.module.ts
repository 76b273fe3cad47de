import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProjectionsModule } from '../projections/projections.module';
import { ParkedPostEntity } from './parked-post.entity';
import { ParkedPosts } from './parked-posts';
import { PendingEventEntity } from './pending-event.entity';
import { PostEventsConsumer } from './post-events.consumer';
import { PostEventsProjector } from './post-events.projector';
import { ConsumerMetrics } from './consumer-metrics';
import { HeldEvents } from './held-events';

@Module({
  imports: [ProjectionsModule, TypeOrmModule.forFeature([PendingEventEntity, ParkedPostEntity])],
  providers: [PostEventsProjector, ParkedPosts, HeldEvents, ConsumerMetrics, PostEventsConsumer],
  exports: [ParkedPosts, HeldEvents, PostEventsConsumer],
})
export class ConsumerModule {}

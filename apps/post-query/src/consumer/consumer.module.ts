import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OpenedEvents } from './opened-events';
import { ParkedPostEntity } from './parked-post.entity';
import { ParkedPosts } from './parked-posts';
import { PostEventsConsumer } from './post-events.consumer';
import { ConsumerMetrics } from './consumer-metrics';

@Module({
  imports: [TypeOrmModule.forFeature([ParkedPostEntity])],
  providers: [ParkedPosts, ConsumerMetrics, OpenedEvents, PostEventsConsumer],
  exports: [ParkedPosts, PostEventsConsumer],
})
export class ConsumerModule {}

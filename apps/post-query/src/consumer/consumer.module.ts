import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PostsModule } from '../posts/posts.module';
import { PendingEventEntity } from './pending-event.entity';
import { PostEventsConsumer } from './post-events.consumer';
import { PostEventsProjector } from './post-events.projector';

@Module({
  imports: [PostsModule, TypeOrmModule.forFeature([PendingEventEntity])],
  providers: [PostEventsProjector, PostEventsConsumer],
})
export class ConsumerModule {}

import { Module } from '@nestjs/common';
import { PostsModule } from '../posts/posts.module';
import { PostEventsConsumer } from './post-events.consumer';
import { PostEventsProjector } from './post-events.projector';

@Module({
  imports: [PostsModule],
  providers: [PostEventsProjector, PostEventsConsumer],
})
export class ConsumerModule {}

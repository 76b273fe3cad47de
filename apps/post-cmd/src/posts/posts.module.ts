import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { CreatePostHandler } from './create-post/create-post.handler';
import { CreatePostHttpController } from './create-post/create-post.http.controller';
import { PostCommandRunner } from './post-command-runner';
import { PostRepository } from './post.repository';

const commandHandlers = [CreatePostHandler];

@Module({
  imports: [EventStoreModule],
  controllers: [CreatePostHttpController],
  providers: [PostRepository, PostCommandRunner, ...commandHandlers],
})
export class PostsModule {}

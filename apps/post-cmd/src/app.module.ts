import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import {
  HealthModule,
  HttpEdgeModule,
  KafkaModule,
  LoggingModule,
  MetricsModule,
  TracingModule,
  validateEnvironment,
} from '@social-posts/service-runtime';
import { PostCmdEnvironment } from './config/post-cmd.environment';
import { EventStoreModule } from './event-store/event-store.module';
import { PostCmdReadiness } from './health/post-cmd.readiness';
import { ModerationModule } from './moderation/moderation.module';
import { OutboxModule } from './outbox/outbox.module';
import { PostsModule } from './posts/posts.module';
import { RepublishModule } from './republish/republish.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      validate: validateEnvironment(PostCmdEnvironment),
    }),
    LoggingModule,
    MetricsModule.forRoot('post-cmd'),
    HttpEdgeModule,
    KafkaModule,
    CqrsModule.forRoot(),
    PostsModule,
    OutboxModule,
    RepublishModule,
    UsersModule,
    ModerationModule,
    TracingModule,
    HealthModule.forRoot({ readiness: PostCmdReadiness, imports: [EventStoreModule] }),
  ],
})
export class AppModule {}

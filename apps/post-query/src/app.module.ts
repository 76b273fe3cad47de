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
import { PostQueryEnvironment } from './config/post-query.environment';
import { AdminModule } from './admin/admin.module';
import { ConsumerModule } from './consumer/consumer.module';
import { DatabaseModule } from './database/database.module';
import { PostQueryReadiness } from './health/post-query.readiness';
import { POST_PROJECTIONS } from './posts/post-projections';
import { PostsModule } from './posts/posts.module';
import { LiveModule } from './live/live.module';
import { ProjectionsModule } from './projections/projections.module';
import { PostCmdModule } from './post-cmd/post-cmd.module';
import { PostCmdReplay } from './post-cmd/post-cmd-replay';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      validate: validateEnvironment(PostQueryEnvironment),
    }),
    LoggingModule,
    MetricsModule.forRoot('post-query'),
    HttpEdgeModule,
    KafkaModule,
    CqrsModule.forRoot(),
    DatabaseModule,
    PostCmdModule,
    PostsModule,
    ProjectionsModule.forRoot(POST_PROJECTIONS, PostCmdReplay),
    ConsumerModule,
    AdminModule,
    LiveModule,
    TracingModule,
    HealthModule.forRoot({ readiness: PostQueryReadiness, imports: [ConsumerModule] }),
  ],
})
export class AppModule {}

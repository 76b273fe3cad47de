import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { HttpEdgeModule, LoggingModule, validateEnvironment } from '@social-posts/service-runtime';
import { PostCmdEnvironment } from './config/post-cmd.environment';
import { AdminModule } from './admin/admin.module';
import { PostsModule } from './posts/posts.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      validate: validateEnvironment(PostCmdEnvironment),
    }),
    LoggingModule,
    HttpEdgeModule,
    CqrsModule.forRoot(),
    PostsModule,
    AdminModule,
  ],
})
export class AppModule {}

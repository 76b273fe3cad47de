import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { AddCommentHandler } from './add-comment/add-comment.handler';
import { AddCommentHttpController } from './add-comment/add-comment.http.controller';
import { CreatePostHandler } from './create-post/create-post.handler';
import { CreatePostHttpController } from './create-post/create-post.http.controller';
import { EditCommentHandler } from './edit-comment/edit-comment.handler';
import { EditCommentHttpController } from './edit-comment/edit-comment.http.controller';
import { EditPostMessageHandler } from './edit-post-message/edit-post-message.handler';
import { EditPostMessageHttpController } from './edit-post-message/edit-post-message.http.controller';
import { LikePostHandler } from './like-post/like-post.handler';
import { LikePostHttpController } from './like-post/like-post.http.controller';
import { CommandAdmission } from './application/command-admission';
import { CommandMetrics, CommandMetricsInterceptor } from './application/command-metrics';
import { PostCommandRunner } from './application/post-command-runner';
import { GetPostEventsHandler } from './post-history/get-post-events.handler';
import { GetPostStateHandler } from './post-history/get-post-state.handler';
import { PostHistoryHttpController } from './post-history/post-history.http.controller';
import { PostRepository } from './application/post.repository';
import { PostStates } from './application/post-states';
import { RemoveCommentHandler } from './remove-comment/remove-comment.handler';
import { RemoveCommentHttpController } from './remove-comment/remove-comment.http.controller';
import { RemovePostHandler } from './remove-post/remove-post.handler';
import { RemovePostHttpController } from './remove-post/remove-post.http.controller';
import { ReportPostHandler } from './report-post/report-post.handler';
import { ReportPostHttpController } from './report-post/report-post.http.controller';

const commandHandlers = [
  CreatePostHandler,
  EditPostMessageHandler,
  LikePostHandler,
  AddCommentHandler,
  EditCommentHandler,
  RemoveCommentHandler,
  RemovePostHandler,
  ReportPostHandler,
];

const queryHandlers = [GetPostEventsHandler, GetPostStateHandler];

@Module({
  imports: [EventStoreModule, PersonalDataModule],
  controllers: [
    CreatePostHttpController,
    EditPostMessageHttpController,
    LikePostHttpController,
    AddCommentHttpController,
    EditCommentHttpController,
    RemoveCommentHttpController,
    RemovePostHttpController,
    ReportPostHttpController,
    PostHistoryHttpController,
  ],
  providers: [
    PostRepository,
    PostStates,
    PostCommandRunner,
    CommandAdmission,
    CommandMetrics,
    CommandMetricsInterceptor,
    ...commandHandlers,
    ...queryHandlers,
  ],
  // Moderation's commands run on posts as every other command does.
  exports: [PostCommandRunner, CommandMetricsInterceptor, CommandMetrics],
})
export class PostsModule {}

import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { PostsModule } from '../posts/posts.module';
import { DecideCaseHandler } from './decide-case/decide-case.handler';
import { DecideCaseHttpController } from './decide-case/decide-case.http.controller';
import { HidePostHandler } from './hide-post/hide-post.handler';
import { ListOpenCasesHandler } from './list-cases/list-open-cases.handler';
import { ListOpenCasesHttpController } from './list-cases/list-open-cases.http.controller';
import { MODERATION_CASES } from './moderation-cases.port';
import { ModerationCommands } from './moderation-commands';
import { ModerationEventsConsumer } from './moderation-events.consumer';
import { ModerationMetrics } from './moderation-metrics';
import { ModerationSettings } from './moderation-settings';
import { ModerationTimers } from './moderation-timers';
import { MongoModerationCases } from './mongo-moderation-cases';

/**
 * Moderation as a process manager (docs/13-moderation.md): it follows the events from Kafka,
 * keeps its cases and timers in the store, and acts on posts through the command bus.
 */
@Module({
  imports: [EventStoreModule, PostsModule],
  controllers: [ListOpenCasesHttpController, DecideCaseHttpController],
  providers: [
    { provide: MODERATION_CASES, useClass: MongoModerationCases },
    ModerationSettings,
    ModerationMetrics,
    ModerationCommands,
    ModerationEventsConsumer,
    ModerationTimers,
    HidePostHandler,
    DecideCaseHandler,
    ListOpenCasesHandler,
  ],
})
export class ModerationModule {}

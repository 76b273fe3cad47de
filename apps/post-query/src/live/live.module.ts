import { Module } from '@nestjs/common';
import { ChangeLogRetention } from './change-log-retention';
import { LivePostsHttpController } from './live-posts.http.controller';
import { PostChangeFeed } from './post-change-feed';
import { PostChangeLog } from './post-change-log';

/** The change feed: the log the post-feed projection writes, followed and served as SSE. */
@Module({
  controllers: [LivePostsHttpController],
  providers: [PostChangeLog, PostChangeFeed, ChangeLogRetention],
})
export class LiveModule {}

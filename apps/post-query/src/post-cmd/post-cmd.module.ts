import { Global, Module } from '@nestjs/common';
import { PostCmdClient } from './post-cmd-client';
import { PostCmdPersonKeys } from './post-cmd-person-keys';

/** What post-query asks of post-cmd: the stream's keys (the consumer), a republish (rebuilds). */
@Global()
@Module({
  providers: [PostCmdClient, PostCmdPersonKeys],
  exports: [PostCmdClient, PostCmdPersonKeys],
})
export class PostCmdModule {}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  PostCommandRunner,
  type CommandAccepted,
} from '../../posts/application/post-command-runner';
import { HidePostCommand } from './hide-post.command';
import { decideHidePost } from './hide-post.decide';

@CommandHandler(HidePostCommand)
export class HidePostHandler implements ICommandHandler<HidePostCommand> {
  constructor(private readonly runner: PostCommandRunner) {}

  execute({ metadata, ...hide }: HidePostCommand): Promise<CommandAccepted> {
    return this.runner.run(hide.postId, metadata, (state) =>
      decideHidePost({ ...hide, at: metadata.receivedAt }, state),
    );
  }
}

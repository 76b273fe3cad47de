import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PostCommandRunner, type CommandAccepted } from '../application/post-command-runner';
import { RemovePostCommand } from './remove-post.command';
import { decideRemovePost } from './remove-post.decide';

@CommandHandler(RemovePostCommand)
export class RemovePostHandler implements ICommandHandler<RemovePostCommand> {
  constructor(private readonly runner: PostCommandRunner) {}

  execute({
    postId,
    username,
    expectedVersion,
    metadata,
  }: RemovePostCommand): Promise<CommandAccepted> {
    return this.runner.run(
      postId,
      metadata,
      (state) => decideRemovePost({ postId, username, at: metadata.receivedAt }, state),
      { expectedVersion },
    );
  }
}

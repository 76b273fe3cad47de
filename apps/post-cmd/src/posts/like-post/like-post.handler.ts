import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PostCommandRunner, type CommandAccepted } from '../application/post-command-runner';
import { LikePostCommand } from './like-post.command';
import { decideLikePost } from './like-post.decide';

@CommandHandler(LikePostCommand)
export class LikePostHandler implements ICommandHandler<LikePostCommand> {
  constructor(private readonly runner: PostCommandRunner) {}

  execute({
    postId,
    username,
    expectedVersion,
    metadata,
  }: LikePostCommand): Promise<CommandAccepted> {
    return this.runner.run(
      postId,
      metadata,
      (state) => decideLikePost({ postId, username, at: metadata.receivedAt }, state),
      { expectedVersion },
    );
  }
}

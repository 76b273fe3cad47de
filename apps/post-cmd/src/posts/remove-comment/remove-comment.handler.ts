import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PostCommandRunner, type CommandAccepted } from '../application/post-command-runner';
import { RemoveCommentCommand } from './remove-comment.command';
import { decideRemoveComment } from './remove-comment.decide';

@CommandHandler(RemoveCommentCommand)
export class RemoveCommentHandler implements ICommandHandler<RemoveCommentCommand> {
  constructor(private readonly runner: PostCommandRunner) {}

  execute(command: RemoveCommentCommand): Promise<CommandAccepted> {
    const { postId, commentId, username, expectedVersion, metadata } = command;
    return this.runner.run(
      postId,
      metadata,
      (state, comment) => decideRemoveComment({ postId, commentId, username }, state, comment),
      { expectedVersion, commentId },
    );
  }
}

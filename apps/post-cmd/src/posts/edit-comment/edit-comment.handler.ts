import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PostCommandRunner, type CommandAccepted } from '../application/post-command-runner';
import { EditCommentCommand } from './edit-comment.command';
import { decideEditComment } from './edit-comment.decide';

@CommandHandler(EditCommentCommand)
export class EditCommentHandler implements ICommandHandler<EditCommentCommand> {
  constructor(private readonly runner: PostCommandRunner) {}

  execute(command: EditCommentCommand): Promise<CommandAccepted> {
    const { postId, commentId, username, comment, expectedVersion, metadata } = command;
    return this.runner.run(
      postId,
      metadata,
      (state, existing) =>
        decideEditComment(
          { postId, commentId, username, comment, at: metadata.receivedAt },
          state,
          existing,
        ),
      { expectedVersion, commentId },
    );
  }
}

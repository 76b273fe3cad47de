import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PostCommandRunner } from '../application/post-command-runner';
import { AddCommentCommand, type CommentAccepted } from './add-comment.command';
import { decideAddComment } from './add-comment.decide';

@CommandHandler(AddCommentCommand)
export class AddCommentHandler implements ICommandHandler<AddCommentCommand> {
  constructor(private readonly runner: PostCommandRunner) {}

  async execute(command: AddCommentCommand): Promise<CommentAccepted> {
    const { postId, commentId, username, comment, expectedVersion, metadata } = command;
    const accepted = await this.runner.run(
      postId,
      metadata,
      (state) =>
        decideAddComment({ postId, commentId, username, comment, at: metadata.receivedAt }, state),
      { expectedVersion },
    );
    // A retry with the same Idempotency-Key answers the comment id the first request stored.
    return { ...accepted, commentId: accepted.commentId ?? commentId };
  }
}

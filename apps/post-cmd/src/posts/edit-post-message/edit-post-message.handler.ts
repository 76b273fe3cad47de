import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PostCommandRunner, type CommandAccepted } from '../application/post-command-runner';
import { EditPostMessageCommand } from './edit-post-message.command';
import { decideEditPostMessage } from './edit-post-message.decide';

@CommandHandler(EditPostMessageCommand)
export class EditPostMessageHandler implements ICommandHandler<EditPostMessageCommand> {
  constructor(private readonly runner: PostCommandRunner) {}

  execute(command: EditPostMessageCommand): Promise<CommandAccepted> {
    const { postId, username, message, expectedVersion, metadata } = command;
    return this.runner.run(
      postId,
      metadata,
      (state) =>
        decideEditPostMessage({ postId, username, message, at: metadata.receivedAt }, state),
      { expectedVersion },
    );
  }
}

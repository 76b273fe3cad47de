import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PostCommandRunner, type CommandAccepted } from '../application/post-command-runner';
import { CreatePostCommand } from './create-post.command';
import { decideCreatePost } from './create-post.decide';

@CommandHandler(CreatePostCommand)
export class CreatePostHandler implements ICommandHandler<CreatePostCommand> {
  constructor(private readonly runner: PostCommandRunner) {}

  execute({ postId, author, message, metadata }: CreatePostCommand): Promise<CommandAccepted> {
    // The controller made the post id: there is no stream to read before deciding.
    return this.runner.run(
      postId,
      metadata,
      (state) => decideCreatePost({ postId, author, message, at: metadata.receivedAt }, state),
      { isNew: true },
    );
  }
}

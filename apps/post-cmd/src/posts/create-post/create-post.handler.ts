import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PostCommandRunner, type CommandAccepted } from '../post-command-runner';
import { CreatePostCommand } from './create-post.command';
import { decideCreatePost } from './create-post.decide';

@CommandHandler(CreatePostCommand)
export class CreatePostHandler implements ICommandHandler<CreatePostCommand> {
  constructor(private readonly runner: PostCommandRunner) {}

  execute({ postId, author, message, metadata }: CreatePostCommand): Promise<CommandAccepted> {
    return this.runner.run(postId, metadata, (state) =>
      decideCreatePost({ postId, author, message, at: metadata.receivedAt }, state),
    );
  }
}

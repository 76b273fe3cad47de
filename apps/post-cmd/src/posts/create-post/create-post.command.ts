import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import type { CommandAccepted } from '../post-command-runner';

export class CreatePostCommand extends Command<CommandAccepted> {
  constructor(
    readonly postId: string,
    readonly author: string,
    readonly message: string,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

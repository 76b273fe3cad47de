import { Command } from '@nestjs/cqrs';
import type { CommandProps } from '../application/command-props';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import type { CommandAccepted } from '../application/post-command-runner';

export class CreatePostCommand extends Command<CommandAccepted> {
  declare readonly postId: string;
  declare readonly author: string;
  declare readonly message: string;
  declare readonly metadata: CommandMetadata;

  constructor(props: CommandProps<CreatePostCommand>) {
    super();
    Object.assign(this, props);
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandProps } from '../application/command-props';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import type { CommandAccepted } from '../application/post-command-runner';

export class EditPostMessageCommand extends Command<CommandAccepted> {
  declare readonly postId: string;
  declare readonly username: string;
  declare readonly message: string;
  declare readonly expectedVersion: number | undefined;
  declare readonly metadata: CommandMetadata;

  constructor(props: CommandProps<EditPostMessageCommand>) {
    super();
    Object.assign(this, props);
  }
}

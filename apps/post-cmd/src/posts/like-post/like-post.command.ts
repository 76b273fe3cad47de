import { Command } from '@nestjs/cqrs';
import type { CommandProps } from '../application/command-props';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import type { CommandAccepted } from '../application/post-command-runner';

export class LikePostCommand extends Command<CommandAccepted> {
  declare readonly postId: string;
  declare readonly username: string;
  declare readonly expectedVersion: number | undefined;
  declare readonly metadata: CommandMetadata;

  constructor(props: CommandProps<LikePostCommand>) {
    super();
    Object.assign(this, props);
  }
}

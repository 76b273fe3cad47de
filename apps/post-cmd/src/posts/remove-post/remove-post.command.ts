import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import type { CommandAccepted } from '../post-command-runner';

export class RemovePostCommand extends Command<CommandAccepted> {
  constructor(
    readonly postId: string,
    readonly username: string,
    readonly expectedVersion: number | undefined,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

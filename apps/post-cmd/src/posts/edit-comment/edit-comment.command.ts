import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import type { CommandAccepted } from '../post-command-runner';

export class EditCommentCommand extends Command<CommandAccepted> {
  constructor(
    readonly postId: string,
    readonly commentId: string,
    readonly username: string,
    readonly comment: string,
    readonly expectedVersion: number | undefined,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

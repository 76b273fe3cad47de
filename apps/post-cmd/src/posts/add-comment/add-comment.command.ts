import { Command } from '@nestjs/cqrs';
import type { CommandProps } from '../application/command-props';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import type { CommandAccepted } from '../application/post-command-runner';

export interface CommentAccepted extends CommandAccepted {
  readonly commentId: string;
}

export class AddCommentCommand extends Command<CommentAccepted> {
  declare readonly postId: string;
  declare readonly commentId: string;
  declare readonly username: string;
  declare readonly comment: string;
  declare readonly expectedVersion: number | undefined;
  declare readonly metadata: CommandMetadata;

  constructor(props: CommandProps<AddCommentCommand>) {
    super();
    Object.assign(this, props);
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import type { ReportReason } from '@social-posts/post-events';
import type { CommandProps } from '../application/command-props';
import type { CommandAccepted } from '../application/post-command-runner';

export class ReportPostCommand extends Command<CommandAccepted> {
  declare readonly postId: string;
  declare readonly username: string;
  declare readonly reason: ReportReason;
  declare readonly expectedVersion: number | undefined;
  declare readonly metadata: CommandMetadata;

  constructor(props: CommandProps<ReportPostCommand>) {
    super();
    Object.assign(this, props);
  }
}

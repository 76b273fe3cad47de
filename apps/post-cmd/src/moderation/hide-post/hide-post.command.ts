import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import type { ReportReason } from '@social-posts/post-events';
import type { CommandProps } from '../../posts/application/command-props';
import type { CommandAccepted } from '../../posts/application/post-command-runner';

/** Sent by the moderation process alone: no route takes it. */
export class HidePostCommand extends Command<CommandAccepted> {
  declare readonly postId: string;
  declare readonly caseId: string;
  declare readonly reports: number;
  declare readonly reasons: readonly ReportReason[];
  declare readonly reviewBy: string;
  declare readonly metadata: CommandMetadata;

  constructor(props: CommandProps<HidePostCommand>) {
    super();
    Object.assign(this, props);
  }
}

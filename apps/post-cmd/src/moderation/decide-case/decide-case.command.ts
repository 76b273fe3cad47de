import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import type { ModerationDecider, ModerationDecision } from '@social-posts/post-events';
import type { CommandProps } from '../../posts/application/command-props';
import type { CaseDecided } from './case-decided.response';

/** From an admin's route, or from the moderation process when the case's deadline passed. */
export class DecideCaseCommand extends Command<CaseDecided> {
  declare readonly caseId: string;
  declare readonly decision: ModerationDecision;
  declare readonly decidedBy: ModerationDecider;
  declare readonly metadata: CommandMetadata;

  constructor(props: CommandProps<DecideCaseCommand>) {
    super();
    Object.assign(this, props);
  }
}

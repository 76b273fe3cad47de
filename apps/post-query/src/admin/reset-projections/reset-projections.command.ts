import { Command } from '@nestjs/cqrs';
import type { ProjectionName } from '../../posts/post-projections';

/** Empty these projections and forget their positions, so that a republish builds them again. */
export class ResetProjectionsCommand extends Command<void> {
  constructor(readonly projections: readonly ProjectionName[]) {
    super();
  }
}

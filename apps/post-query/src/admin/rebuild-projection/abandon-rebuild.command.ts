import { Command } from '@nestjs/cqrs';
import type { ProjectionBuild } from '../../projections/projection-builds';
import type { ProjectionName } from '../../posts/post-projections';

/** Give up the projection's build under way; the live build goes on serving. */
export class AbandonRebuildCommand extends Command<ProjectionBuild | null> {
  constructor(readonly projection: ProjectionName) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { RebuildRequest } from '../../projections/projection-rebuilds';
import type { ProjectionName } from '../../posts/post-projections';

/** Build the projection again beside the live one, and switch to it once it has caught up. */
export class RebuildProjectionCommand extends Command<RebuildRequest> {
  constructor(readonly projection: ProjectionName) {
    super();
  }
}

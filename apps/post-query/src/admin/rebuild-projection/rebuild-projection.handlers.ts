import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ProjectionBuild } from '../../projections/projection-builds';
import { ProjectionRebuilds, type RebuildRequest } from '../../projections/projection-rebuilds';
import { AbandonRebuildCommand } from './abandon-rebuild.command';
import { RebuildProjectionCommand } from './rebuild-projection.command';

@CommandHandler(RebuildProjectionCommand)
export class RebuildProjectionHandler implements ICommandHandler<RebuildProjectionCommand> {
  constructor(private readonly rebuilds: ProjectionRebuilds) {}

  execute({ projection }: RebuildProjectionCommand): Promise<RebuildRequest> {
    return this.rebuilds.rebuild(projection);
  }
}

@CommandHandler(AbandonRebuildCommand)
export class AbandonRebuildHandler implements ICommandHandler<AbandonRebuildCommand> {
  constructor(private readonly rebuilds: ProjectionRebuilds) {}

  execute({ projection }: AbandonRebuildCommand): Promise<ProjectionBuild | null> {
    return this.rebuilds.abandon(projection);
  }
}

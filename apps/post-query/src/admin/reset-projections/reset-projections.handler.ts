import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ProjectionPositions } from '../../projections/projection-positions';
import { RegisteredProjections } from '../../projections/registered-projections';
import { ResetProjectionsCommand } from './reset-projections.command';

/**
 * One transaction for every projection named: a batch being applied finishes first (the reset
 * waits for its locks), and the next batch sees the projections empty and their positions gone,
 * never one without the other. Other projections keep their rows and positions, so the republish
 * that follows is skipped by them and applied by these.
 */
@CommandHandler(ResetProjectionsCommand)
export class ResetProjectionsHandler implements ICommandHandler<ResetProjectionsCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projections: RegisteredProjections,
    private readonly positions: ProjectionPositions,
  ) {}

  async execute({ projections }: ResetProjectionsCommand): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const name of new Set(projections)) {
        await this.projections.named(name).reset(manager);
        await this.positions.forget(manager, name);
      }
    });
  }
}

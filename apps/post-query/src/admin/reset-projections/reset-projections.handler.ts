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
    const names = [...new Set(projections)];
    await this.dataSource.transaction(async (manager) => {
      // Positions first, then the tables: the projector's order. The other way round, a batch
      // holding positions while waiting for a table the reset had emptied deadlocked with it
      // (a 500 from this route in the fault suite's rebuild under load).
      for (const name of names) await this.positions.forget(manager, name);
      for (const name of names) await this.projections.named(name).reset(manager);
    });
  }
}

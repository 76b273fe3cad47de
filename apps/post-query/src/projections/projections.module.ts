import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HeldEvents } from './held-events';
import { PendingEventEntity } from './pending-event.entity';
import { PostEventsProjector } from './post-events.projector';
import type { Projection } from './projection';
import { EVENT_REPLAY, type EventReplay } from './event-replay.port';
import { ProjectionBuilds } from './projection-builds';
import { ProjectionPositions } from './projection-positions';
import { ProjectionRebuilds } from './projection-rebuilds';
import { RegisteredProjections } from './registered-projections';

/**
 * The read side's engine: positions, held events, the projector that runs the app's
 * projections over each batch, and their builds, rebuilt beside the live ones. The app names its projections once (`forRoot`), so that the
 * engine depends on no read model; every module of the app can inject what it exports.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(
    projections: Readonly<Record<string, Type<Projection>>>,
    /** How a rebuild gets every event again from the write side. */
    replay: Type<EventReplay>,
  ): DynamicModule {
    const names = Object.keys(projections);
    const classes = Object.values(projections);
    return {
      module: ProjectionsModule,
      global: true,
      imports: [TypeOrmModule.forFeature([PendingEventEntity])],
      providers: [
        ...classes,
        ProjectionPositions,
        HeldEvents,
        PostEventsProjector,
        ProjectionBuilds,
        ProjectionRebuilds,
        { provide: EVENT_REPLAY, useClass: replay },
        {
          provide: RegisteredProjections,
          useFactory: (...instances: Projection[]) =>
            new RegisteredProjections(
              names.map((name, index) => ({ name, projection: instances[index]! })),
            ),
          inject: classes,
        },
      ],
      exports: [
        RegisteredProjections,
        ProjectionPositions,
        HeldEvents,
        PostEventsProjector,
        ProjectionBuilds,
        ProjectionRebuilds,
      ],
    };
  }
}

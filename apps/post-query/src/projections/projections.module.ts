import { Module } from '@nestjs/common';
import type { Projection } from './projection';
import { ProjectionPositions } from './projection-positions';
import { PROJECTIONS, PROJECTION_NAMES } from './projections';
import { RegisteredProjections } from './registered-projections';

const classes = Object.values(PROJECTIONS);

@Module({
  providers: [
    ...classes,
    ProjectionPositions,
    {
      provide: RegisteredProjections,
      useFactory: (...projections: Projection[]) =>
        new RegisteredProjections(
          PROJECTION_NAMES.map((name, index) => ({ name, projection: projections[index]! })),
        ),
      inject: classes,
    },
  ],
  exports: [RegisteredProjections, ProjectionPositions],
})
export class ProjectionsModule {}

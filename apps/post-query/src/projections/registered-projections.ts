import type { Projection } from './projection';
import type { ProjectionName } from './projections';

export interface NamedProjection {
  readonly name: ProjectionName;
  readonly projection: Projection;
}

/** The projections the consumer runs, with their names, in the order of projections.ts. */
export class RegisteredProjections {
  constructor(readonly all: readonly NamedProjection[]) {}

  named(name: ProjectionName): Projection {
    return this.all.find((entry) => entry.name === name)!.projection;
  }
}

import type { Projection } from './projection';

export interface NamedProjection {
  readonly name: string;
  readonly projection: Projection;
}

/** The projections the engine runs, with their names, in the order the app gave them. */
export class RegisteredProjections {
  constructor(readonly all: readonly NamedProjection[]) {}

  named(name: string): Projection {
    return this.find(name)!;
  }

  /** Its place in the list; -1 for a name this code does not know. */
  indexOf(name: string): number {
    return this.all.findIndex((entry) => entry.name === name);
  }

  /** Undefined for a name this code does not know (a projection since removed). */
  find(name: string): Projection | undefined {
    return this.all.find((entry) => entry.name === name)?.projection;
  }
}

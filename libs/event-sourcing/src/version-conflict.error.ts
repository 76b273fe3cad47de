/** Another writer stored this version of the stream first (or a client demanded another one). */
export class VersionConflict extends Error {
  constructor(
    readonly aggregateId: string,
    readonly expectedVersion: number,
    readonly actualVersion?: number,
  ) {
    super(
      actualVersion === undefined
        ? `${aggregateId} has moved past version ${expectedVersion}`
        : `${aggregateId} is at version ${actualVersion}, not ${expectedVersion}`,
    );
    this.name = 'VersionConflict';
  }
}

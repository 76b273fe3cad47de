/** A query asked for a version of a post that the read model has not reached in time. */
export class ReadModelBehind extends Error {
  constructor(
    readonly postId: string,
    readonly requiredVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      `The read model has post ${postId} at version ${currentVersion}, not yet ` +
        `${requiredVersion}. Retry shortly.`,
    );
    this.name = 'ReadModelBehind';
  }
}

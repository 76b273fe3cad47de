/** An event arrived before one it follows: applying it would skip an event of the post. */
export class VersionGap extends Error {
  constructor(
    readonly postId: string,
    readonly lastApplied: number,
    readonly received: number,
  ) {
    super(`post ${postId}: received version ${received} but only ${lastApplied} is applied`);
    this.name = 'VersionGap';
  }
}

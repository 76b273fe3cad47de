/** An earlier event of the stream holds this claim (see AppendOptions.claim); nothing was stored. */
export class ClaimTaken extends Error {
  constructor(
    readonly aggregateId: string,
    readonly claim: string,
  ) {
    super(`${aggregateId} already holds the claim ${JSON.stringify(claim)}`);
    this.name = 'ClaimTaken';
  }
}

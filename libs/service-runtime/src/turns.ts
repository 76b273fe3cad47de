/**
 * Work that must not overlap, run one piece after another in the order given; a piece that
 * fails does not stop the ones after it.
 */
export class Turns {
  private last: Promise<unknown> = Promise.resolve();

  take<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.last.then(work);
    this.last = turn.catch(() => undefined);
    return turn;
  }
}

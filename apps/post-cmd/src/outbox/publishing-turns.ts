import { Injectable } from '@nestjs/common';

/**
 * Whose turn it is to publish, in this process: the relay's passes and a republish take turns
 * (a republish holds its turn to the end), so that while a post's stored events are published
 * again, its new events wait, and reach the bus after them.
 */
@Injectable()
export class PublishingTurns {
  private last: Promise<unknown> = Promise.resolve();

  take<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.last.then(work);
    this.last = turn.catch(() => undefined);
    return turn;
  }
}

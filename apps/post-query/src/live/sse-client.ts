import type { Response } from 'express';
import type { FeedClient } from './post-change-feed';
import type { ChangeFilter, PostChange } from './post-change-log';

/**
 * One client's `text/event-stream`: a `change` event per change (its `id:` the change's
 * position, for `Last-Event-ID`), a comment as heartbeat, one `reset` event when its position is
 * older than the log keeps. Its buffer is the socket's: once a write fills it, nothing more is
 * written until it drains.
 */
export class SseClient implements FeedClient {
  constructor(
    private readonly response: Response,
    readonly filter: ChangeFilter,
  ) {}

  /** The answer's headers, and the reconnection delay a browser's EventSource honours. */
  open(retryMs: number): void {
    this.response.status(200);
    this.response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    this.response.setHeader('Cache-Control', 'no-cache, no-transform');
    this.response.setHeader('X-Accel-Buffering', 'no');
    this.response.flushHeaders();
    this.response.write(`retry: ${retryMs}\n\n`);
  }

  send(change: PostChange): boolean {
    return this.response.write(
      `id: ${change.position}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`,
    );
  }

  drained(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (drained: boolean) => {
        clearTimeout(timer);
        this.response.off('drain', onDrain).off('close', onClose);
        resolve(drained);
      };
      const onDrain = () => finish(true);
      const onClose = () => finish(false);
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.response.once('drain', onDrain).once('close', onClose);
    });
  }

  heartbeat(): void {
    this.response.write(': heartbeat\n\n');
  }

  reset(head: string): void {
    const data = JSON.stringify({
      reason: 'the position asked for is older than the change log keeps: reload, then follow',
      position: head,
    });
    this.response.write(`id: ${head}\nevent: reset\ndata: ${data}\n\n`);
  }

  close(stalled: boolean): void {
    // A client that takes nothing would never take the end of the stream either: cut.
    if (stalled) this.response.destroy();
    else this.response.end();
  }
}

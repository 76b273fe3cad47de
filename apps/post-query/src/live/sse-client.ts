import type { Response } from 'express';
import type { FeedClient } from './post-change-feed';
import type { ChangeFilter, PostChange } from './post-change-log';

/**
 * One client's `text/event-stream`: a `change` event per change (its `id:` the change's
 * position, for `Last-Event-ID`), a comment as heartbeat, one `reset` event when its position is
 * older than the log keeps. The socket's own buffer is the client's bounded buffer: past
 * `maxBufferedBytes` not yet taken by the client, it is dropped (and reconnects after `retry`).
 */
export class SseClient implements FeedClient {
  constructor(
    private readonly response: Response,
    readonly filter: ChangeFilter,
    private readonly maxBufferedBytes: number,
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
    this.response.write(
      `id: ${change.position}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`,
    );
    return this.response.writableLength <= this.maxBufferedBytes;
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

  close(): void {
    this.response.end();
  }
}

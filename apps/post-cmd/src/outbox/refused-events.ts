import type { Logger } from '@nestjs/common';
import type { RefusedEvent } from './event-sink.port';

/**
 * Says loudly, once per event, that the bus refused it: an event the bus refuses stops its
 * post's publishing until an operator acts (raises the topic's `max.message.bytes`, say); the
 * other posts go on.
 */
export class RefusedEventsLog {
  private readonly reported = new Set<string>();

  constructor(private readonly logger: Logger) {}

  report(refused: readonly RefusedEvent[], what: string): void {
    for (const { event, reason } of refused) {
      if (this.reported.has(event.eventId)) continue;
      this.reported.add(event.eventId);
      this.logger.error(
        `cannot publish post ${event.aggregateId} version ${event.version} (${what}): ${reason}`,
      );
    }
  }
}

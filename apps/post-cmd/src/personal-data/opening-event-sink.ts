import { Injectable } from '@nestjs/common';
import { unsealEvents } from '@social-posts/personal-data';
import type { StoredPostEventEnvelope } from '@social-posts/post-events';
import { KafkaEventSink } from '../kafka/kafka-event-sink';
import type { EventSink, PublishOutcome } from '../outbox/event-sink.port';
import { PersonKeys } from './person-keys';

/**
 * Publishes stored events with their personal data opened: the store keeps it sealed, the
 * stream carries it as post-query reads it today (docs/12-privacy.md says what that leaves on
 * the topic, and the next step, sealed on the stream too). The outcome names the stored events.
 */
@Injectable()
export class OpeningEventSink implements EventSink {
  constructor(
    private readonly kafka: KafkaEventSink,
    private readonly keys: PersonKeys,
  ) {}

  async publish(events: readonly StoredPostEventEnvelope[]): Promise<PublishOutcome> {
    const stored = new Map(events.map((event) => [event.eventId, event]));
    const storedOf = ({ eventId }: { eventId: string }) => stored.get(eventId)!;
    const outcome = await this.kafka.publish(await unsealEvents(events, this.keys.lookup));
    return {
      published: outcome.published.map(storedOf),
      refused: outcome.refused.map(({ event, reason }) => ({ event: storedOf(event), reason })),
    };
  }
}

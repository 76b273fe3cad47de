import { EventStoreUnavailable } from '@social-posts/event-sourcing';
import { problemType, type DomainErrorMapper } from '@social-posts/service-runtime';

/** An event store that fails to answer is the server's trouble: a 503 the client may retry. */
export const mapEventStoreError: DomainErrorMapper = (error) =>
  error instanceof EventStoreUnavailable
    ? {
        type: problemType('event-store-unavailable'),
        status: 503,
        detail:
          'The event store cannot be reached. The command may not have been stored: retry it.',
      }
    : undefined;

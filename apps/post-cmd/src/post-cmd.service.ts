import type { HttpServiceOptions } from '@social-posts/service-runtime';
import { mapEventStoreError } from './event-store/event-store-problems';
import { mapPostError } from './posts/http/post-problems';

export const POST_CMD_SERVICE: HttpServiceOptions = {
  name: 'post-cmd',
  description:
    'The write side: commands on posts become events in the MongoDB event store, published to Kafka.',
  mapDomainError: (error) => mapPostError(error) ?? mapEventStoreError(error),
};

import type { HttpServiceOptions } from '@social-posts/service-runtime';
import { mapDatabaseError } from './database/database-problems';
import { mapQueryError } from './posts/post-problems';

export const POST_QUERY_SERVICE: HttpServiceOptions = {
  name: 'post-query',
  description: 'The read side: PostgreSQL read models projected from the post events in Kafka.',
  mapDomainError: (error) => mapQueryError(error) ?? mapDatabaseError(error),
};

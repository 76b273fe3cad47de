import { CreatePosts1764028800000 } from './1764028800000-create-posts';

/** Every migration, oldest first; TypeORM records which have run in its `migrations` table. */
export const MIGRATIONS = [CreatePosts1764028800000];

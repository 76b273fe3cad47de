import { CreatePosts1764028800000 } from './1764028800000-create-posts';
import { PostCountsAndRemoval1764032400000 } from './1764032400000-post-counts-and-removal';
import { CommentsLikesAndQueryIndexes1764036000000 } from './1764036000000-comments-likes-and-query-indexes';
import { PendingEventsAndParkedPosts1764039600000 } from './1764039600000-pending-events-and-parked-posts';
import { ProjectionPositionsAndPostTags1764043200000 } from './1764043200000-projection-positions-and-post-tags';
import { ProjectionBuilds1764046800000 } from './1764046800000-projection-builds';
import { PostChanges1764050400000 } from './1764050400000-post-changes';
import { HiddenPosts1764054000000 } from './1764054000000-hidden-posts';
import { ErasableRows1764057600000 } from './1764057600000-erasable-rows';
import { PostTotals1764061200000 } from './1764061200000-post-totals';

/** Every migration, oldest first; TypeORM records which have run in its `migrations` table. */
export const MIGRATIONS = [
  CreatePosts1764028800000,
  PostCountsAndRemoval1764032400000,
  CommentsLikesAndQueryIndexes1764036000000,
  PendingEventsAndParkedPosts1764039600000,
  ProjectionPositionsAndPostTags1764043200000,
  ProjectionBuilds1764046800000,
  PostChanges1764050400000,
  HiddenPosts1764054000000,
  ErasableRows1764057600000,
  PostTotals1764061200000,
];

import type { StoredPostEvent } from '@social-posts/post-events';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event that arrived before the one it follows, held until that one is applied. */
@Entity({ name: 'pending_events' })
export class PendingEventEntity {
  @PrimaryColumn('uuid', { name: 'post_id' })
  postId!: string;

  @PrimaryColumn('integer')
  version!: number;

  @Column('jsonb')
  envelope!: StoredPostEvent;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}

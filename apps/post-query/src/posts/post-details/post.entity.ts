import { MAX_USERNAME_LENGTH } from '@social-posts/post-events';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per post, with the version of the last event applied to it. */
@Entity({ name: 'posts' })
export class PostEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar', { length: MAX_USERNAME_LENGTH })
  author!: string;

  @Column('text')
  message!: string;

  @Column('timestamptz', { name: 'date_posted' })
  datePosted!: Date;

  @Column('timestamptz', { name: 'edited_at', nullable: true })
  editedAt!: Date | null;

  /** Kept with the likes table, so lists can filter and sort by it without counting. */
  @Column('integer', { default: 0 })
  likes!: number;

  /** Kept with the comments table, for the same reason. */
  @Column('integer', { default: 0 })
  comments!: number;

  /** Set when the post is removed: it then disappears from every query. */
  @Column('timestamptz', { name: 'removed_at', nullable: true })
  removedAt!: Date | null;

  /**
   * Set while moderation hides the post (docs/13-moderation.md): it leaves the public queries
   * and the feed, and its author sees why and until when it is under review.
   */
  @Column('timestamptz', { name: 'hidden_at', nullable: true })
  hiddenAt!: Date | null;

  @Column('text', { name: 'hidden_reasons', array: true, nullable: true })
  hiddenReasons!: string[] | null;

  @Column('timestamptz', { name: 'review_by', nullable: true })
  reviewBy!: Date | null;

  /** Last event version applied: a redelivered or replayed event at or below it is skipped. */
  @Column('integer')
  version!: number;
}

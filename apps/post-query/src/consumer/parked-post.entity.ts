import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A post whose events cannot be applied in order: a message of it could not be read. Its later
 * events go to the dead-letter topic too, so nothing of it is applied out of order.
 */
@Entity({ name: 'parked_posts' })
export class ParkedPostEntity {
  /** The Kafka message key: the post id, or whatever a malformed message carried. */
  @PrimaryColumn('text', { name: 'post_key' })
  postKey!: string;

  @Column('text')
  reason!: string;

  @Column('timestamptz', { name: 'parked_at', default: () => 'now()' })
  parkedAt!: Date;

  @Column('integer', { name: 'dead_lettered', default: 0 })
  deadLettered!: number;
}

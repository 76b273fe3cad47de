import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per post, with the version of the last event applied to it. */
@Entity({ name: 'posts' })
export class PostEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar', { length: 64 })
  author!: string;

  @Column('text')
  message!: string;

  @Column('timestamptz', { name: 'date_posted' })
  datePosted!: Date;

  /** Last event version applied: a redelivered or replayed event at or below it is skipped. */
  @Column('integer')
  version!: number;
}

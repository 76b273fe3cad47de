import { MAX_USERNAME_LENGTH } from '@social-posts/post-events';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A comment of a post; a removed comment's row is deleted. */
@Entity({ name: 'comments' })
export class CommentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'post_id' })
  postId!: string;

  @Column('varchar', { length: MAX_USERNAME_LENGTH })
  username!: string;

  @Column('text')
  comment!: string;

  @Column('timestamptz', { name: 'comment_date' })
  commentDate!: Date;

  @Column('timestamptz', { name: 'edited_at', nullable: true })
  editedAt!: Date | null;
}

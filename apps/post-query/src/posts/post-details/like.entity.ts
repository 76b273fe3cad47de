import { MAX_USERNAME_LENGTH } from '@social-posts/post-events';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who liked a post, once each. */
@Entity({ name: 'likes' })
export class LikeEntity {
  @PrimaryColumn('uuid', { name: 'post_id' })
  postId!: string;

  @PrimaryColumn('varchar', { length: MAX_USERNAME_LENGTH })
  username!: string;

  @Column('timestamptz', { name: 'liked_at' })
  likedAt!: Date;
}

import { ApiProperty } from '@nestjs/swagger';

export class CommentResponse {
  @ApiProperty({ format: 'uuid' })
  readonly commentId!: string;

  @ApiProperty({ example: 'grace' })
  readonly username!: string;

  @ApiProperty({ example: 'Nice post' })
  readonly comment!: string;

  @ApiProperty({ format: 'date-time' })
  readonly commentDate!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  readonly editedAt!: string | null;
}

/** A post as lists show it. */
export class PostSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  readonly postId!: string;

  @ApiProperty({ example: 'ada' })
  readonly author!: string;

  @ApiProperty({ example: 'Hello, world' })
  readonly message!: string;

  @ApiProperty({ format: 'date-time' })
  readonly datePosted!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  readonly editedAt!: string | null;

  @ApiProperty({ description: 'How many users like the post.', example: 0 })
  readonly likes!: number;

  @ApiProperty({ description: 'How many comments the post has.', example: 0 })
  readonly commentCount!: number;

  @ApiProperty({ description: 'Version of the last event applied to this post.', example: 1 })
  readonly version!: number;
}

/** One post with its comments, oldest first. */
export class PostDetailsResponse extends PostSummaryResponse {
  @ApiProperty({ type: [CommentResponse] })
  readonly comments!: CommentResponse[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPORT_REASONS, type ReportReason } from '@social-posts/post-events';

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

/** Why and until when moderation hides a post: shown to its author and admins alone. */
export class HiddenPostResponse {
  @ApiProperty({ format: 'date-time' })
  readonly hiddenAt!: string;

  @ApiProperty({ enum: REPORT_REASONS, isArray: true, description: 'Why it was reported.' })
  readonly reasons!: readonly ReportReason[];

  @ApiProperty({
    format: 'date-time',
    description: 'When its review ends at the latest: a moderator decides, or the default applies.',
  })
  readonly reviewBy!: string;
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

  @ApiPropertyOptional({
    type: HiddenPostResponse,
    description:
      'Present while moderation hides the post, after reports: only its author (and admins, ' +
      'by id) can read it then.',
  })
  readonly hidden?: HiddenPostResponse;
}

/** One post with its comments, oldest first. */
export class PostDetailsResponse extends PostSummaryResponse {
  @ApiProperty({ type: [CommentResponse] })
  readonly comments!: CommentResponse[];
}

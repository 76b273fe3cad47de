import { ApiProperty } from '@nestjs/swagger';

export class PostDetailsResponse {
  @ApiProperty({ format: 'uuid' })
  readonly postId!: string;

  @ApiProperty({ example: 'ada' })
  readonly author!: string;

  @ApiProperty({ example: 'Hello, world' })
  readonly message!: string;

  @ApiProperty({ format: 'date-time' })
  readonly datePosted!: string;

  @ApiProperty({ description: 'How many users like the post.', example: 0 })
  readonly likes!: number;

  @ApiProperty({ description: 'How many comments the post has.', example: 0 })
  readonly comments!: number;

  @ApiProperty({ description: 'Version of the last event applied to this post.', example: 1 })
  readonly version!: number;
}

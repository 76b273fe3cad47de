import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class PostRouteParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly id!: string;
}

export class CommentRouteParams extends PostRouteParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly commentId!: string;
}

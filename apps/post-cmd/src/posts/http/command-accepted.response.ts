import { ApiProperty } from '@nestjs/swagger';
import type { CommandAccepted } from '../application/post-command-runner';

export class CommandAcceptedResponse implements CommandAccepted {
  @ApiProperty({ format: 'uuid' })
  readonly postId!: string;

  @ApiProperty({ description: 'The post version after this command; also the ETag.', example: 1 })
  readonly version!: number;
}

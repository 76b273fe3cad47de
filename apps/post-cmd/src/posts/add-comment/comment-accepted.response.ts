import { ApiProperty } from '@nestjs/swagger';
import { CommandAcceptedResponse } from '../http/command-accepted.response';
import type { CommentAccepted } from './add-comment.command';

export class CommentAcceptedResponse extends CommandAcceptedResponse implements CommentAccepted {
  @ApiProperty({ format: 'uuid', description: 'Id of the new comment, to edit or remove it.' })
  readonly commentId!: string;
}

import { MAX_COMMENT_LENGTH } from '@social-posts/post-events';
import { TextField } from '../http/request-fields';

export class AddCommentRequestDto {
  @TextField(MAX_COMMENT_LENGTH, 'Nice post')
  readonly comment!: string;
}

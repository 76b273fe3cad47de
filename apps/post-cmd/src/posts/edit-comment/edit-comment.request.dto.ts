import { MAX_COMMENT_LENGTH } from '@social-posts/post-events';
import { TextField } from '../http/request-fields';

export class EditCommentRequestDto {
  @TextField(MAX_COMMENT_LENGTH, 'Nicer post')
  readonly comment!: string;
}

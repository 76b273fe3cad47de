import { MAX_COMMENT_LENGTH } from '../post.rules';
import { TextField } from '../request-fields';

export class AddCommentRequestDto {
  @TextField(MAX_COMMENT_LENGTH, 'Nice post')
  readonly comment!: string;
}

import { MAX_COMMENT_LENGTH } from '../post.rules';
import { TextField, UsernameField } from '../request-fields';

export class AddCommentRequestDto {
  @UsernameField('grace')
  readonly username!: string;

  @TextField(MAX_COMMENT_LENGTH, 'Nice post')
  readonly comment!: string;
}

import { MAX_COMMENT_LENGTH } from '../post.rules';
import { TextField, UsernameField } from '../request-fields';

export class EditCommentRequestDto {
  /** Only the comment's author may edit it. */
  @UsernameField('grace')
  readonly username!: string;

  @TextField(MAX_COMMENT_LENGTH, 'Nicer post')
  readonly comment!: string;
}

import { MAX_MESSAGE_LENGTH } from '../post.rules';
import { TextField, UsernameField } from '../request-fields';

export class EditPostMessageRequestDto {
  /** Only the post's author may edit its message. */
  @UsernameField()
  readonly username!: string;

  @TextField(MAX_MESSAGE_LENGTH, 'Hello again')
  readonly message!: string;
}

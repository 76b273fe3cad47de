import { MAX_MESSAGE_LENGTH } from '../post.rules';
import { TextField, UsernameField } from '../request-fields';

export class CreatePostRequestDto {
  @UsernameField()
  readonly author!: string;

  @TextField(MAX_MESSAGE_LENGTH, 'Hello, world')
  readonly message!: string;
}

import { MAX_MESSAGE_LENGTH } from '@social-posts/post-events';
import { TextField } from '../http/request-fields';

export class EditPostMessageRequestDto {
  @TextField(MAX_MESSAGE_LENGTH, 'Hello again')
  readonly message!: string;
}

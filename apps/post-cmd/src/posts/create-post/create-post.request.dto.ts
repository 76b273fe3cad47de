import { MAX_MESSAGE_LENGTH } from '@social-posts/post-events';
import { TextField } from '../http/request-fields';

export class CreatePostRequestDto {
  @TextField(MAX_MESSAGE_LENGTH, 'Hello, world')
  readonly message!: string;
}

import { UsernameField } from '../request-fields';

export class RemovePostRequestDto {
  /** Only the post's author may remove it. */
  @UsernameField()
  readonly username!: string;
}

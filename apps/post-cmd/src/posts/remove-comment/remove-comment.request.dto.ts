import { UsernameField } from '../request-fields';

export class RemoveCommentRequestDto {
  /** Only the comment's author may remove it. */
  @UsernameField('grace')
  readonly username!: string;
}

import { UsernameField } from '../request-fields';

export class LikePostRequestDto {
  @UsernameField('grace')
  readonly username!: string;
}

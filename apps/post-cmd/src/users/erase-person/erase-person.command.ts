import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import type { CommandProps } from '../../posts/application/command-props';
import type { ErasureDone } from './erasure-done.response';

/** Erase `username`: asked by themselves (`/users/me`) or by an admin. */
export class ErasePersonCommand extends Command<ErasureDone> {
  declare readonly username: string;
  declare readonly metadata: CommandMetadata;

  constructor(props: CommandProps<ErasePersonCommand>) {
    super();
    Object.assign(this, props);
  }
}

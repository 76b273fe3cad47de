import type { Command } from '@nestjs/cqrs';

/**
 * A command's fields, as the one object its constructor takes: every field named at the call
 * site, so that two strings of the same type can never be swapped unnoticed.
 */
export type CommandProps<T extends Command<unknown>> = Omit<T, keyof Command<unknown>>;

import { replay } from '../replay';

/** What a decision is checked against: the pure `evolve` and `decide` of one command. */
export interface Decider<TState, TCommand, TEvent> {
  readonly initialState: TState;
  readonly evolve: (state: TState, event: TEvent) => TState;
  readonly decide: (command: TCommand, state: TState) => TEvent;
}

type ErrorClass = new (...args: never[]) => Error;

/**
 * Tests in one language: `given(events).when(command).then(event)` or `.thenThrows(ErrorClass)`.
 * The state comes from replaying the given events through the real `evolve`.
 */
export function deciderSpecification<TState, TCommand, TEvent>(
  decider: Decider<TState, TCommand, TEvent>,
) {
  return {
    given: (events: readonly TEvent[]) => ({
      when: (command: TCommand) => {
        const decide = () =>
          decider.decide(command, replay(decider.evolve, decider.initialState, events));
        return {
          then: (expected: TEvent) => expect(decide()).toEqual(expected),
          thenThrows: (errorClass: ErrorClass, message?: string | RegExp) => {
            expect(decide).toThrow(errorClass);
            if (message !== undefined) expect(decide).toThrow(message);
          },
        };
      },
    }),
  };
}

import { replay } from '../replay';

/**
 * What a decision is checked against: the pure `evolve` and `decide` of one command. `evolve`
 * may read events a decision never makes (a past event as read back, say, with an erased
 * person's fields null): `TDecided` is what `decide` makes, one of the events `evolve` reads.
 */
export interface Decider<TState, TCommand, TEvent, TDecided extends TEvent = TEvent> {
  readonly initialState: TState;
  readonly evolve: (state: TState, event: TEvent) => TState;
  readonly decide: (command: TCommand, state: TState) => TDecided;
}

type ErrorClass = new (...args: never[]) => Error;

/**
 * Tests in one language: `given(events).when(command).then(event)` or `.thenThrows(ErrorClass)`.
 * The state comes from replaying the given events through the real `evolve`.
 */
export function deciderSpecification<TState, TCommand, TEvent, TDecided extends TEvent>(
  decider: Decider<TState, TCommand, TEvent, TDecided>,
) {
  return {
    given: (events: readonly TEvent[]) => ({
      when: (command: TCommand) => {
        const decide = () =>
          decider.decide(command, replay(decider.evolve, decider.initialState, events));
        return {
          then: (expected: TDecided) => expect(decide()).toEqual(expected),
          thenThrows: (errorClass: ErrorClass, message?: string | RegExp) => {
            expect(decide).toThrow(errorClass);
            if (message !== undefined) expect(decide).toThrow(message);
          },
        };
      },
    }),
  };
}

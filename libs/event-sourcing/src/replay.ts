/** State after the given events: the same `evolve` serves replay from the store and live decisions. */
export function replay<TState, TEvent>(
  evolve: (state: TState, event: TEvent) => TState,
  initialState: TState,
  events: Iterable<TEvent>,
): TState {
  let state = initialState;
  for (const event of events) state = evolve(state, event);
  return state;
}

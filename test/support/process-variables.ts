/**
 * Sets `variables` in process.env, where a test's or benchmark's own clients and the services it
 * starts read them; returns the function that puts back what was there before.
 */
export function useVariables(variables: Readonly<Record<string, string>>): () => void {
  const previous = Object.keys(variables).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, variables);
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/**
 * post-cmd's port in a test's environment, chosen before anything starts (POST_CMD_PORT, with
 * POST_CMD_URL pointing at it): post-query asks post-cmd for the keys of the stream's sealed
 * events, so it must know where post-cmd will be, whichever of the two starts first. The first
 * post-cmd started in the environment takes it; others take free ports.
 */
const taken = new Set<number>();

export function takePostCmdPort(
  env: Readonly<Record<string, string | undefined>>,
): number | undefined {
  const port = Number(env.POST_CMD_PORT);
  if (!Number.isInteger(port) || port <= 0 || taken.has(port)) return undefined;
  taken.add(port);
  return port;
}

/** The port is free again: the post-cmd that had it stopped for good. */
export function releasePostCmdPort(port: number): void {
  taken.delete(port);
}

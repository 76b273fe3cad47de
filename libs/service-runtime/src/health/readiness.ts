import type {
  HealthIndicatorFunction,
  HealthIndicatorResult,
  HealthIndicatorService,
} from '@nestjs/terminus';

/** What a service checks before it says it is ready to serve; each service provides its own. */
export interface Readiness {
  readonly checks: readonly HealthIndicatorFunction[];
}

export const READINESS = Symbol('Readiness');

/** How long one dependency may take to answer a readiness check. */
export const READINESS_CHECK_TIMEOUT_MS = 1_500;

/**
 * A readiness check of one dependency: up if `probe` resolves within the bound, down with the
 * reason otherwise. Never throws: terminus gathers every check into one report.
 */
export const dependencyCheck =
  (
    indicators: HealthIndicatorService,
    key: string,
    probe: () => Promise<unknown>,
  ): HealthIndicatorFunction =>
  async (): Promise<HealthIndicatorResult> => {
    const indicator = indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        probe(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${READINESS_CHECK_TIMEOUT_MS} ms`)),
            READINESS_CHECK_TIMEOUT_MS,
          );
        }),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  };

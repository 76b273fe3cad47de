import { collectDefaultMetrics, Registry } from 'prom-client';

/** Where a service's parts register their metrics (a prom-client Registry). */
export const METRICS_REGISTRY = Symbol('MetricsRegistry');

/**
 * Each app has a registry of its own rather than prom-client's global one: the tests run both
 * services in one process, and each must expose only its own metrics.
 */
export function newMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

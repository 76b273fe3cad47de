/** PromQL's functions, aggregations and keywords: the identifiers of a query that are not metrics. */
const NOT_METRICS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'sum',
  'min',
  'max',
  'avg',
  'count',
  'rate',
  'irate',
  'increase',
  'delta',
  'histogram_quantile',
  'humanizeDuration',
]);

/**
 * The metric names a PromQL query reads: its identifiers, once label matchers, grouping
 * clauses, ranges and strings are taken out.
 */
export function metricsQueriedBy(query: string): string[] {
  const bare = query
    .replace(/"[^"]*"/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '')
    .replace(/\[[^\]]*\]/g, '');
  return [...bare.matchAll(/\b[a-zA-Z_:][a-zA-Z0-9_:]*\b/g)]
    .map(([name]) => name)
    .filter((name) => !NOT_METRICS.has(name));
}

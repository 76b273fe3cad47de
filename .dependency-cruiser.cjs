/**
 * The architecture's rules, checked by `npm run lint`:
 * the two services share only libs; the domain of post-cmd imports no infrastructure;
 * libs import no app.
 */
const INFRASTRUCTURE = '^(node_modules/)?(@nestjs|mongodb|kafkajs|typeorm|pg|express)(/|$)';

module.exports = {
  forbidden: [
    {
      name: 'no-cmd-to-query',
      comment: 'post-cmd and post-query share only an event stream (and libs/), never code.',
      severity: 'error',
      from: { path: '^apps/post-cmd' },
      to: { path: '^apps/post-query' },
    },
    {
      name: 'no-query-to-cmd',
      comment: 'post-cmd and post-query share only an event stream (and libs/), never code.',
      severity: 'error',
      from: { path: '^apps/post-query' },
      to: { path: '^apps/post-cmd' },
    },
    {
      name: 'no-domain-to-infra',
      comment:
        'The Post aggregate (state, evolve, comments, snapshot form, rules, errors, decide functions) is pure: no Nest, database or broker.',
      severity: 'error',
      from: {
        path: '^apps/post-cmd/src/posts/(domain/|[^/]+/[^/]+\\.decide\\.ts$)',
      },
      to: { dependencyTypesNot: ['type-only'], path: INFRASTRUCTURE },
    },
    {
      name: 'no-contract-to-nest',
      comment:
        'libs/post-events is the published contract: plain TypeScript, usable by any consumer.',
      severity: 'error',
      from: { path: '^libs/post-events' },
      to: {
        dependencyTypesNot: ['type-only'],
        path: '^(node_modules/)?(@nestjs|mongodb|typeorm|pg)(/|$)',
      },
    },
    {
      name: 'posts-domain-alone',
      comment:
        'post-cmd/src/posts by layer: the domain (domain/) knows neither the application nor HTTP.',
      severity: 'error',
      from: { path: '^apps/post-cmd/src/posts/domain/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^apps/post-cmd/src/posts/(application|http)/' },
    },
    {
      name: 'posts-application-without-http',
      comment:
        'The application layer (runner, repository, state cache, admission) knows no HTTP: the routes (http/ and each feature) call it.',
      severity: 'error',
      from: { path: '^apps/post-cmd/src/posts/application/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^apps/post-cmd/src/posts/http/' },
    },
    {
      name: 'read-engine-knows-no-read-model',
      comment:
        'post-query/src/projections is the engine: read models (posts/), the consumer and the admin routes use it, never the reverse (the app hands it its projections).',
      severity: 'error',
      from: { path: '^apps/post-query/src/projections/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^apps/post-query/src/(posts|consumer|admin)/' },
    },
    {
      name: 'no-lib-to-app',
      severity: 'error',
      from: { path: '^libs' },
      to: { path: '^apps' },
    },
    {
      name: 'no-production-to-test',
      comment: 'Test support is for tests only.',
      severity: 'error',
      from: { path: '^(apps|libs)', pathNot: '\\.spec\\.ts$|/testing/' },
      to: { path: '^test/|/testing/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(dist|\\.stack)/' },
  },
};

import { startTracing } from '@social-posts/tracing';

// Imported first by main.ts: instrumentation must be in place before the modules it patches load.
startTracing('post-cmd');

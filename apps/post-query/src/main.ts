import './tracing';
import 'reflect-metadata';
import { createHttpService, listen } from '@social-posts/service-runtime';
import { AppModule } from './app.module';
import { POST_QUERY_SERVICE } from './post-query.service';

createHttpService(AppModule, POST_QUERY_SERVICE)
  .then(listen)
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });

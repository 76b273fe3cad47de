import './tracing';
import 'reflect-metadata';
import { createHttpService, listen } from '@social-posts/service-runtime';
import { AppModule } from './app.module';
import { POST_CMD_SERVICE } from './post-cmd.service';

createHttpService(AppModule, POST_CMD_SERVICE)
  .then(listen)
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });

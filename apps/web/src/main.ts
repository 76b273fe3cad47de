import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUsername, mintLocalToken } from '@social-posts/service-runtime';
import express, { type Request, type Response } from 'express';

/**
 * The web page of the local stack (docs/11-live-feed.md, section 4): the live feed, and a journey panel
 * that shows each command travel. It serves the page and one development-only route, a sign-in
 * as any user name, which signs a token with the local stack's secret. That route must never
 * reach production: this server is run by `npm start` only (no image contains it), and it
 * refuses to start with NODE_ENV=production.
 */
function main(): void {
  if (process.env.NODE_ENV === 'production') {
    console.error(
      'the web page’s sign-in is for the local stack only: it does not run with NODE_ENV=production',
    );
    process.exit(1);
  }
  const secretFile = process.env.AUTH_JWT_SECRET_FILE;
  if (!secretFile) {
    console.error('AUTH_JWT_SECRET_FILE is not set: run the page through npm start');
    process.exit(1);
  }
  const secret = readFileSync(secretFile, 'utf8').trim();
  const config = {
    commands: process.env.POST_CMD_URL ?? 'http://127.0.0.1:3001',
    queries: process.env.POST_QUERY_URL ?? 'http://127.0.0.1:3002',
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1kb' }));
  app.get('/config.json', (_request, response) => {
    response.json(config);
  });
  app.post('/dev/sign-in', (request: Request, response: Response) => {
    const { username } = (request.body ?? {}) as { username?: unknown };
    if (!isUsername(username)) {
      response.status(400).type('application/problem+json').json({
        type: 'urn:social-posts:problem:invalid-request',
        title: 'Bad Request',
        status: 400,
        detail: 'username: printable text, no surrounding spaces, at most 64 characters',
      });
      return;
    }
    response.json({ username, token: mintLocalToken(secret, username) });
  });
  app.use(express.static(join(__dirname, '..', 'public')));

  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const server = app.listen(port, host, () => {
    console.log(`web page on http://${host}:${port}/`);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => server.close(() => process.exit(0)));
  }
}

main();

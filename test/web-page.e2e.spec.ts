import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, SCREENSHOTS } from './support/browser';
import { request } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { freePort, startServiceProcess, type ServiceProcess } from './support/service-process';

const originOf = (service: ServiceProcess) => service.api.replace(/\/api\/v1$/, '');

/**
 * The local stack's web page (apps/web) as two people use it, in Chromium: ada posts, grace sees
 * the post appear without reloading and likes it, ada sees the count change; the journey panel
 * shows each of ada's commands through its five steps. And its development-only sign-in cannot
 * run with a production configuration.
 */
describe('the web page (both services, the page, Chromium)', () => {
  let environment: IsolatedEnvironment;
  let services: ServiceProcess[] = [];
  let web: ServiceProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    environment = await isolatedEnvironment('web_page');
    environment.apply();
    // The page's origin must be known before the services start (their CORS): its port is
    // chosen first, and the page starts last, on it.
    const secretDir = mkdtempSync(join(tmpdir(), 'web-secret-'));
    const secretFile = join(secretDir, 'jwt-secret');
    writeFileSync(
      secretFile,
      process.env.AUTH_JWT_SECRET ?? 'a local secret of thirty-two characters or more',
    );
    const auth = { AUTH_JWT_SECRET: undefined, AUTH_JWT_SECRET_FILE: secretFile };
    const webPort = await freePort();
    const webOrigin = `http://127.0.0.1:${webPort}`;
    const postCmd = await startServiceProcess('post-cmd', {
      env: { ...auth, CORS_ORIGINS: webOrigin },
    });
    const postQuery = await startServiceProcess('post-query', {
      env: { ...auth, CORS_ORIGINS: webOrigin, POST_CMD_URL: originOf(postCmd) },
    });
    services = [postCmd, postQuery];
    web = await startServiceProcess('web', {
      port: webPort,
      env: {
        ...auth,
        POST_CMD_URL: originOf(postCmd),
        POST_QUERY_URL: originOf(postQuery),
      },
    });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    for (const service of services) await service.stop();
    await environment?.cleanup();
  });

  const open = async (username: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${originOf(web)}/`);
    await page.locator('#feed-state', { hasText: 'live' }).waitFor();
    await page.fill('#sign-in input[name=username]', username);
    await page.click('#sign-in button');
    await page.locator('#signed-in', { hasText: username }).waitFor();
    return page;
  };

  it('shows one person’s post to another without a reload, their like back to the first, and each command’s journey', async () => {
    const ada = await open('ada');
    const grace = await open('grace');

    await ada.fill('#new-post textarea', 'Hello from the #browser');
    await ada.click('#new-post button');
    const onGraces = grace.locator('#posts li', { hasText: 'Hello from the #browser' });
    await onGraces.waitFor();
    await onGraces.getByRole('button', { name: 'Like' }).click();

    await ada.locator('#posts li', { hasText: '1 like(s)' }).waitFor();
    const journey = ada.locator('#journeys li', { hasText: 'create' });
    await journey.locator('.step.done').nth(4).waitFor();
    const steps = await journey.locator('.step').allTextContents();
    expect(steps).toEqual([
      expect.stringMatching(/^accepted, version 1 \+\d+ ms$/),
      expect.stringMatching(/^stored \+-?\d+ ms$/),
      expect.stringMatching(/^published, partition \d+, offset \d+ \+\d+ ms$/),
      expect.stringMatching(/^projected \+\d+ ms$/),
      expect.stringMatching(/^seen on the feed \+\d+ ms$/),
    ]);
    await ada.screenshot({ path: join(SCREENSHOTS, 'web-page-ada.png') });
    await grace.screenshot({ path: join(SCREENSHOTS, 'web-page-grace.png') });
  });

  it('drops a post from every page once reports have hidden it, without a reload', async () => {
    const grace = await open('grace');
    const [postCmd] = services;
    const created = await request<{ postId: string }>(`${postCmd!.api}/posts`, {
      method: 'POST',
      as: 'ada',
      body: { message: 'Soon hidden by #moderation' },
    });
    const shown = grace.locator('#posts li', { hasText: 'Soon hidden by #moderation' });
    await shown.waitFor();

    for (const reporter of ['grace', 'linus', 'ken']) {
      const reported = await request(`${postCmd!.api}/posts/${created.body.postId}/reports`, {
        method: 'POST',
        as: reporter,
        body: { reason: 'spam' },
      });
      expect(reported.status).toBe(201);
    }
    await shown.waitFor({ state: 'detached' });
  });

  it('refuses to run its development sign-in with NODE_ENV=production', async () => {
    await expect(startServiceProcess('web', { env: { NODE_ENV: 'production' } })).rejects.toThrow(
      'web exited with 1',
    );
  });
});

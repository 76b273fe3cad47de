import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, SCREENSHOTS } from './support/browser';
import { request } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { startPostCmd, startPostQuery, type RunningService } from './support/services';

interface Parameter {
  readonly name: string;
  readonly example?: unknown;
  readonly examples?: unknown;
  readonly schema?: { readonly example?: unknown; readonly examples?: unknown };
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { readonly parameters?: Parameter[] }>>;
}

/** Every parameter of a document that carries an example, as `GET /path name`. */
const parametersWithExamples = (document: OpenApiDocument): string[] =>
  Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) =>
      (operation.parameters ?? [])
        .filter(
          (parameter) =>
            parameter.example !== undefined ||
            parameter.examples !== undefined ||
            parameter.schema?.example !== undefined ||
            parameter.schema?.examples !== undefined,
        )
        .map((parameter) => `${method.toUpperCase()} ${path} ${parameter.name}`),
    ),
  );

/**
 * Swagger UI as a person uses it, in a real browser (Debian's Chromium): "Try it out" then
 * "Execute" sends only what the person typed. An example of a query parameter used to be filled
 * in and sent, so Execute on the post list asked for ada's posts about nestjs.
 */
describe('Swagger UI (both services, Chromium)', () => {
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;
  let postQuery: RunningService;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    environment = await isolatedEnvironment('swagger_ui');
    environment.apply();
    postCmd = await startPostCmd();
    postQuery = await startPostQuery();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await postQuery?.close();
    await postCmd?.close();
    await environment?.cleanup();
  });

  const documentOf = (service: RunningService) =>
    request<OpenApiDocument>(service.api.replace('/api/v1', '/api/docs-json'));

  it('gives no parameter of either service an example that Swagger UI would send', async () => {
    for (const service of [postCmd, postQuery]) {
      expect(parametersWithExamples((await documentOf(service)).body)).toEqual([]);
    }
  });

  it('sends the post list query with no filter filled in, and shows its answer', async () => {
    await page.goto(postQuery.api.replace('/api/v1', '/api/docs'));
    const operation = page.locator('#operations-posts-findPosts');
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();

    for (const name of ['author', 'tag', 'minLikes', 'withComments']) {
      const input = operation.locator(`tr[data-param-name="${name}"] input`);
      if ((await input.count()) > 0) await expect(input.inputValue()).resolves.toBe('');
    }
    await operation.getByRole('button', { name: 'Execute' }).click();
    const requestUrl = operation.locator('.request-url pre');
    await requestUrl.waitFor();
    // The parameters as sent, the request URL and the answer: what a person sees.
    const box = (await operation.boundingBox())!;
    const scrolled = await page.evaluate<number>('window.scrollY');
    await page.screenshot({
      path: join(SCREENSHOTS, 'swagger-ui-post-list.png'),
      fullPage: true,
      clip: { ...box, y: box.y + scrolled, height: Math.min(box.height, 1_150) },
    });

    const sent = new URL(await requestUrl.innerText());
    expect([...sent.searchParams.keys()].sort()).toEqual(['limit', 'page']);
    await expect(
      operation.locator('.live-responses-table tr.response .response-col_status').innerText(),
    ).resolves.toBe('200');
  });
});

import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigService } from '@nestjs/config';
import { KafkaClients, KafkaEnvironment, validateEnvironment } from '@social-posts/service-runtime';
import { eventually } from './support/eventually';
import { request } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { controllableStack, type ControllableStack } from './support/local-stack';
import { startPostCmd, startPostQuery, type RunningService } from './support/services';

/**
 * Both services on a Kafka listener that takes only TLS with SASL/PLAIN (the local broker's
 * second listener, scripts/stack.sh): what KAFKA_TLS and KAFKA_SASL_* are for.
 */
describe('Kafka over TLS with SASL', () => {
  let servers: ControllableStack;
  let environment: IsolatedEnvironment;
  let secure: Record<string, string>;
  let postCmd: RunningService;
  let postQuery: RunningService;

  beforeAll(async () => {
    servers = await controllableStack();
    const stack = await servers.variables();
    environment = await isolatedEnvironment('kafka_security');
    environment.apply();
    secure = {
      KAFKA_BROKERS: stack.KAFKA_SECURE_BROKERS!,
      KAFKA_TLS: 'on',
      KAFKA_TLS_CA_FILE: stack.KAFKA_SECURE_CA_FILE!,
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: stack.KAFKA_SECURE_USERNAME!,
      KAFKA_SASL_PASSWORD_FILE: stack.KAFKA_SECURE_PASSWORD_FILE!,
    };
    const plaintext = { ...process.env };
    Object.assign(process.env, secure);
    postCmd = await startPostCmd();
    postQuery = await startPostQuery();
    // The services have read their configuration; a ConfigService falls back on process.env.
    for (const name of Object.keys(secure)) delete process.env[name];
    process.env.KAFKA_BROKERS = plaintext.KAFKA_BROKERS;
  }, 600_000);

  afterAll(async () => {
    await postCmd?.close();
    await postQuery?.close();
    await environment?.cleanup();
    await servers?.release();
  });

  const ready = async (service: RunningService) =>
    (await fetch(`${service.api.replace(/\/api\/v1$/, '')}/health/ready`)).status;

  it('publishes and projects a command through the secure listener', async () => {
    const created = await request<{ postId: string }>(`${postCmd.api}/posts`, {
      method: 'POST',
      as: 'ada',
      body: { message: 'Over TLS' },
    });
    expect(created.status).toBe(201);

    await eventually(async () =>
      expect((await request(`${postQuery.api}/posts/${created.body.postId}`)).body).toMatchObject({
        message: 'Over TLS',
      }),
    );
    await eventually(async () =>
      expect([await ready(postCmd), await ready(postQuery)]).toEqual([200, 200]),
    );
  });

  describe('refuses to connect (readiness asks this very client) when', () => {
    const ping = (changes: Record<string, string | undefined>) => {
      const variables = { ...process.env, ...secure, ...changes };
      const clients = new KafkaClients(
        new ConfigService<KafkaEnvironment, true>(validateEnvironment(KafkaEnvironment)(variables)),
      );
      return clients.watch.ping().finally(() => clients.onApplicationShutdown());
    };

    it('the password is wrong', async () => {
      const wrong = join(mkdtempSync(join(tmpdir(), 'kafka-sasl-')), 'password');
      writeFileSync(wrong, 'not-the-password');
      await expect(ping({ KAFKA_SASL_PASSWORD_FILE: wrong })).rejects.toThrow(
        /SASL|authentication/i,
      );
    });

    it("the broker's certificate is not signed by a trusted CA", async () => {
      await expect(ping({ KAFKA_TLS_CA_FILE: undefined })).rejects.toThrow(/certificate/i);
    });

    it('TLS is off', async () => {
      await expect(ping({ KAFKA_TLS: 'off', KAFKA_TLS_CA_FILE: undefined })).rejects.toThrow();
    });
  });
});

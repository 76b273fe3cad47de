import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaConnection } from './kafka-clients';

describe('kafkaConnection', () => {
  const plain = { KAFKA_BROKERS: 'k1:9092,k2:9092', KAFKA_TLS: 'off' as const };

  it('lists the brokers, without TLS or SASL unless asked', () => {
    expect(kafkaConnection(plain)).toEqual({ brokers: ['k1:9092', 'k2:9092'] });
  });

  it('turns TLS on with the system CAs, or with the CA file given', () => {
    expect(kafkaConnection({ ...plain, KAFKA_TLS: 'on' }).ssl).toBe(true);

    const caFile = join(mkdtempSync(join(tmpdir(), 'kafka-ca-')), 'ca.pem');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\n…');
    expect(kafkaConnection({ ...plain, KAFKA_TLS: 'on', KAFKA_TLS_CA_FILE: caFile }).ssl).toEqual({
      ca: ['-----BEGIN CERTIFICATE-----\n…'],
    });
  });

  it('authenticates with the SASL mechanism, user name and password given', () => {
    expect(
      kafkaConnection({
        ...plain,
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'post-cmd',
        KAFKA_SASL_PASSWORD: 'secret',
      }).sasl,
    ).toEqual({ mechanism: 'scram-sha-512', username: 'post-cmd', password: 'secret' });
  });

  it('reads the SASL password from a file (a Docker or Kubernetes secret)', () => {
    const passwordFile = join(mkdtempSync(join(tmpdir(), 'kafka-sasl-')), 'password');
    writeFileSync(passwordFile, 'from-a-file\n');
    expect(
      kafkaConnection({
        ...plain,
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_SASL_USERNAME: 'post-cmd',
        KAFKA_SASL_PASSWORD_FILE: passwordFile,
      }).sasl,
    ).toEqual({ mechanism: 'plain', username: 'post-cmd', password: 'from-a-file' });
  });

  it('refuses a half-given set-up rather than connect without what was meant', () => {
    expect(() => kafkaConnection({ ...plain, KAFKA_SASL_MECHANISM: 'plain' })).toThrow(
      'KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD(_FILE)',
    );
    expect(() => kafkaConnection({ ...plain, KAFKA_SASL_USERNAME: 'post-cmd' })).toThrow(
      'need KAFKA_SASL_MECHANISM',
    );
    expect(() => kafkaConnection({ ...plain, KAFKA_TLS_CA_FILE: '/ca.pem' })).toThrow(
      'KAFKA_TLS is not on',
    );
  });
});

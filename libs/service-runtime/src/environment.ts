import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

const SECRETS = Symbol('secret configuration variables');

/**
 * Marks a variable whose value may hold a secret (a password in a URL, a signing key): a
 * start-up error names it but never prints its value.
 */
export const Secret = (): PropertyDecorator => (target, property) => {
  const secrets =
    (Reflect.getMetadata(SECRETS, target) as ReadonlySet<string | symbol> | undefined) ?? new Set();
  Reflect.defineMetadata(SECRETS, new Set([...secrets, property]), target);
};

const isSecret = (schema: object, property: string): boolean =>
  (Reflect.getMetadata(SECRETS, schema) as ReadonlySet<string> | undefined)?.has(property) ?? false;

/**
 * A `validate` function for `ConfigModule.forRoot`: reads the environment into `schema` (its
 * property initialisers are the defaults) and stops start-up with one line per bad variable.
 */
export function validateEnvironment<T extends object>(schema: new () => T) {
  return (raw: Record<string, unknown>): T => {
    const config = plainToInstance(schema, raw, {
      enableImplicitConversion: true,
      exposeDefaultValues: true,
    });
    const errors = validateSync(config);
    if (errors.length > 0) {
      const lines = errors.map(
        (error) =>
          `  ${error.property}=${
            isSecret(schema.prototype as object, error.property)
              ? '(value hidden)'
              : JSON.stringify(raw[error.property])
          }: ` + Object.values(error.constraints ?? {}).join('; '),
      );
      throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
    }
    return config;
  };
}

import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

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
          `  ${error.property}=${JSON.stringify(raw[error.property])}: ` +
          Object.values(error.constraints ?? {}).join('; '),
      );
      throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
    }
    return config;
  };
}

import { Logger } from '@nestjs/common';
import type { logCreator } from 'kafkajs';

/**
 * Routes kafkajs's own log through the service's logger, at debug level (LOG_LEVEL=debug shows
 * it). kafkajs logs at ERROR what it then retries itself — every reconnect while a broker is
 * down, a coordinator still loading, a topic another instance just created — and what finally
 * fails reaches our code as an exception, which the relay and the consumer log themselves.
 */
export const kafkaLogCreator: logCreator = () => {
  const logger = new Logger('kafkajs');
  return ({ log }) => {
    const { message, ...extra } = log;
    logger.debug(`${message} ${JSON.stringify(extra)}`);
  };
};

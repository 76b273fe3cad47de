export * from './environment';
export * from './http-service';
export * from './invalid-request.exception';
export * from './json-body.interceptor';
export * from './logging.module';
export * from './problem-details';
export * from './problem-details.filter';
export * from './kafka-log';

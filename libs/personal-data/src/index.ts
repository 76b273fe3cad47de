export * from './master-key';
export * from './person-key';
export * from './sealed-text';
export * from './sealed-events';
export * from './expiring-map';
export * from './kept-keys';

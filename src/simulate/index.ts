export * from './types';
export * from './routing-model';
export * from './path-regex-dialect';

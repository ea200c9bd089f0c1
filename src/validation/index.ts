export * from './validator';
export * from './synth-validation';

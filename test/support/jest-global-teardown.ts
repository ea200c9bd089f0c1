import { finishSkipLog } from './shared-data';

/** Jest globalTeardown (once per run, after every test file): see shared-data.ts. */
export default function globalTeardown(): void {
  finishSkipLog(line => process.stderr.write(`${line}\n`));
}

import { startSkipLog } from './shared-data';

/** Jest globalSetup (once per run, before any test file): see shared-data.ts. */
export default function globalSetup(): void {
  startSkipLog();
}

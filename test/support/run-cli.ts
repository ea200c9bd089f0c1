import { main } from '../../src/cli/main';
import { CliIo } from '../../src/cli/validate-command';

/** What one in-process run of the command printed, and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Options of `runCli`. */
export interface CliRunOptions {
  /** Standard input: a text, or a reader given the byte cap; none means reading stdin is a test failure. */
  readonly stdin?: string | ((maxBytes: number) => string | Buffer | undefined);
  /** Working directory the command resolves relative paths from. */
  readonly cwd: string;
  /** Whether stdin is a terminal; defaults to "no stdin given". */
  readonly tty?: boolean;
}

/** Runs `cdk8s-gateway-api <argv>` in-process through `main(argv, io)`, capturing its output. */
export function runCli(argv: string[], options: CliRunOptions): CliRun {
  let out = '';
  let err = '';
  const stdin = options.stdin;
  const io: CliIo = {
    out: t => { out += t; },
    err: t => { err += t; },
    readStdin: typeof stdin === 'function' ? stdin : () => {
      if (stdin === undefined) throw new Error('stdin read unexpectedly');
      return stdin;
    },
    stdinIsTty: options.tty ?? stdin === undefined,
    cwd: options.cwd,
  };
  const code = main(argv, io);
  return { code, out, err };
}

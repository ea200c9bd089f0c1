#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import type { MigrateIo } from './migrate-command';
import { EXIT_ERROR, EXIT_VALID, readProcessStdin, runValidate } from './validate-command';

/*
 * The package's `bin`: `cdk8s-gateway-api <command> ...`. Not part of the jsii API (not exported
 * from the library's index); `main` is exported for tests, which run it in-process.
 */

export type { CliIo } from './validate-command';

const USAGE = `Usage: cdk8s-gateway-api <command> [arguments]

Commands:
  validate [FILE|DIR|-]...   validate manifests against the Gateway API CRDs (schema + CEL)
  migrate [FILE|DIR|-]...    convert ingress-nginx Ingresses to Gateway API, with a report
  audit [FILE|DIR|-]...      list Ingresses and what each annotation would become, without converting
  explain [FILE|DIR|-]... REQUEST
                             show where a request goes (Gateway API, or ingress-nginx with --ingress)

Options:
  -h, --help                 show this help (cdk8s-gateway-api COMMAND --help for a command's)
  --version                  show the package version
`;

function packageVersion(): string {
  // lib/cli/main.js and src/cli/main.ts both sit two levels below package.json.
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

let stdoutWatched = false;

/** `process.stdout`, made on first use (a stream costs milliseconds to set up); a closed pipe ends the process. */
function stdout(): NodeJS.WriteStream {
  if (!stdoutWatched) {
    stdoutWatched = true;
    // A closed pipe (`... | head`) ends the output, not the process with a stack trace.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  return process.stdout;
}

/** The process's streams, each set up when first used (`validate` of valid input never sets up standard input or output). */
export function processIo(): MigrateIo {
  return {
    out: text => stdout().write(text),
    err: text => process.stderr.write(text),
    readStdin: readProcessStdin,
    get stdinIsTty() {
      return process.stdin.isTTY === true;
    },
    get stderrIsTty() {
      return process.stderr.isTTY === true;
    },
    cwd: process.cwd(),
  };
}

/**
 * Runs the command line.
 *
 * @param argv the arguments after the program name
 * @param io where to read and write
 * @returns the exit code
 */
export function main(argv: readonly string[], io: MigrateIo = processIo()): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return runValidate(rest, io);
    // Loaded on use: `validate` does not load the constructs and IngressCompat.
    case 'migrate':
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require('./migrate-command') as typeof import('./migrate-command')).runMigrate(rest, io);
    case 'audit':
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require('./audit-command') as typeof import('./audit-command')).runAudit(rest, io);
    case 'explain':
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require('./explain-command') as typeof import('./explain-command')).runExplain(rest, io);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      if (command === undefined) {
        io.err(USAGE);
        return EXIT_ERROR;
      }
      io.out(USAGE);
      return EXIT_VALID;
    case '--version':
      io.out(`${packageVersion()}\n`);
      return EXIT_VALID;
    default:
      io.err(`cdk8s-gateway-api: unknown command "${command}"\n\n${USAGE}`);
      return EXIT_ERROR;
  }
}

/**
 * Runs the command line in this process: arguments from `process.argv`, output to its streams,
 * the exit code in `process.exitCode` (so that buffered output is flushed before exiting).
 */
export function run(argv: readonly string[] = process.argv.slice(2)): void {
  try {
    process.exitCode = main(argv);
  } catch (e) {
    process.stderr.write(`cdk8s-gateway-api: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = EXIT_ERROR;
  }
}

if (require.main === module) run();

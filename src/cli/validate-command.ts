import { OptionSpec, parseOptions, UsageError } from './args';
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_TOTAL_SIZE, parseSize, readBounded } from './bounded-read';
import { errorText, InputError, readInputs } from './inputs';
import { Located, StreamValidation } from './validate-stream';
import { ReleaseChannel } from '../core/channel';
import { GatewayApiVersion, ImplementationCrds, ValidationOptions, ValidationResult, ValidationSeverity } from '../validation/validator';

/*
 * `cdk8s-gateway-api validate [FILE|DIR|-]... [--gateway-api v1.6.1|v1.5.1]
 *  [--channel standard|experimental] [--implementation ID]... [--max-file-size SIZE]
 *  [--max-total-size SIZE] [--json] [--verbose]`
 *
 * Reads every input (directories recursively: *.yaml, *.yml, *.json, in sorted order), validates
 * all objects together against the Gateway API CRDs of a release and channel, prints one line per
 * problem (`file:line: Kind ns/name path: message`) or a JSON report, and exits 0 when every
 * object is valid, 1 when any is invalid, 2 when an input cannot be read or parsed, or on a usage
 * error. Everything is synchronous and deterministic: the same inputs print the same output.
 * Inputs are read with size caps (src/cli/bounded-read.ts) and a problem with one input is one
 * line for it (src/cli/inputs.ts): the command never prints a stack trace.
 */

/** Exit codes of the command. */
export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_ERROR = 2;

/** Where the command reads and writes (the process's streams by default; strings in tests). */
export interface CliIo {
  /** Writes to standard output. */
  readonly out: (text: string) => void;
  /** Writes to standard error. */
  readonly err: (text: string) => void;
  /**
   * Reads all of standard input (for `-`), or returns undefined as soon as more than `maxBytes`
   * were read (the command then reports it as too large; it reads with a cap, never without one).
   */
  readonly readStdin: (maxBytes: number) => string | Buffer | undefined;
  /** Whether standard input is a terminal (then it is not read when no input is given). */
  readonly stdinIsTty?: boolean;
  /** Directory relative inputs are resolved against. */
  readonly cwd?: string;
}

/** Reads the process's standard input with a cap (the `readStdin` of the process's {@link CliIo}). */
export function readProcessStdin(maxBytes: number): Buffer | undefined {
  const read = readBounded(0, maxBytes);
  return read.exceeded ? undefined : read.data;
}

export const VALIDATE_USAGE = `Usage: cdk8s-gateway-api validate [FILE|DIR|-]... [options]

Validates Kubernetes manifests against the Gateway API CRDs (OpenAPI schema and CEL rules)
exactly as the API server would, then checks the objects together as one set (routes attach to
existing listeners, cross-namespace references are granted, no conflicts, ...). Objects of
other API groups are not validated themselves. Warnings are printed but do not fail.

Inputs:
  FILE        a YAML or JSON file (multi-document YAML, kind: List expanded)
  DIR         every *.yaml, *.yml and *.json file below it, recursively, in sorted order
              (entries whose name starts with "." are skipped; symbolic links are
              followed, each directory and file is read once)
  -           standard input (also read when no input is given and it is not a terminal)

Options:
  --gateway-api VERSION    Gateway API release: v1.6.1 (default) or v1.5.1
  --channel CHANNEL        release channel: standard (default) or experimental
  --implementation ID      also validate an implementation's CRDs (repeatable):
                           ${Object.values(ImplementationCrds).join(', ')}
  --no-cross-object        check each object alone (schema and CEL rules only): skip the
                           checks across objects (route parents and listeners, ReferenceGrants,
                           conflicts, policy targets), which treat all inputs as one set
  --max-file-size SIZE     the largest input read (default 256MiB); a larger one is not
                           validated (exit 2). SIZE: bytes, or with a unit: 100MB, 1.5GiB,
                           512Mi (KB, MB, GB: powers of 1000; KiB, MiB, GiB: of 1024)
  --max-total-size SIZE    the most read from all inputs together (default 1GiB)
  --json                   print a JSON report instead of one line per problem
  -v, --verbose            also list "cel-skipped" notes (CEL rules the API server would not
                           evaluate because the object has other, reported, errors)
  -h, --help               show this help

Example:
  cdk8s synth && cdk8s-gateway-api validate dist/ --implementation envoy-gateway-v1.9.0
  kubectl get gateway,httproute -A -o yaml | cdk8s-gateway-api validate --json

Output: one line per problem, "file:line: Kind namespace/name path: message".
Exit status: 0 every object is valid, 1 some object is invalid,
             2 an input could not be read (missing, unreadable, too large, binary, a broken
             symbolic link in a directory) or parsed (reported as file:line:column), or bad usage.
`;

interface ParsedArgs {
  readonly inputs: string[];
  readonly options: ValidationOptions & { gatewayApiVersion: GatewayApiVersion; channel: ReleaseChannel };
  readonly json: boolean;
  readonly verbose: boolean;
  readonly help: boolean;
  readonly maxFileSize: number;
  readonly maxTotalSize: number;
}

function sizeValue(raw: string, name: string): number {
  const bytes = parseSize(raw);
  if (bytes === undefined) throw new UsageError(`option ${name}: "${raw}" is not a size (expected bytes or a number with a unit, like 100MB or 1GiB)`);
  return bytes;
}

function enumValue<T extends string>(values: readonly T[], raw: string, what: string, normalize: (s: string) => string = s => s): T {
  const v = normalize(raw);
  const found = values.find(x => x === v);
  if (found === undefined) throw new UsageError(`unknown ${what} "${raw}" (expected ${values.join(' or ')})`);
  return found;
}

const versionOf = (raw: string) => enumValue(Object.values(GatewayApiVersion), raw, 'Gateway API version', s => (s.startsWith('v') ? s : `v${s}`));
const channelOf = (raw: string) => enumValue(Object.values(ReleaseChannel), raw, 'channel', s => s.toLowerCase());
const implementationsOf = (raw: string) => raw.split(',').filter(id => id !== '').map(id => enumValue(Object.values(ImplementationCrds), id, 'implementation'));

/** The options of `validate`, for the shared parser (src/cli/args.ts); values are checked as they are read. */
const VALIDATE_SPECS: readonly OptionSpec[] = [
  { name: '--gateway-api', aliases: ['--gateway-api-version'], kind: 'value', check: versionOf },
  { name: '--channel', kind: 'value', check: channelOf },
  { name: '--implementation', kind: 'list', check: implementationsOf },
  { name: '--no-cross-object', kind: 'flag' },
  { name: '--max-file-size', kind: 'value', check: sizeValue },
  { name: '--max-total-size', kind: 'value', check: sizeValue },
  { name: '--json', kind: 'flag' },
  { name: '--verbose', aliases: ['-v'], kind: 'flag' },
  { name: '--help', aliases: ['-h'], kind: 'flag' },
];

/** Parses the arguments after `validate`. */
export function parseValidateArgs(args: readonly string[]): ParsedArgs {
  const parsed = parseOptions(args, VALIDATE_SPECS);
  const v = parsed.values;
  const implementations = [...new Set((parsed.lists.get('--implementation') ?? []).flatMap(implementationsOf))];
  // `--max-file-size` and `--max-total-size` were checked as given; the error named the spelling used.
  const size = (name: string, fallback: number) => (v.has(name) ? sizeValue(v.get(name)!, name) : fallback);
  const options = {
    gatewayApiVersion: v.has('--gateway-api') ? versionOf(v.get('--gateway-api')!) : GatewayApiVersion.V1_6_1,
    channel: v.has('--channel') ? channelOf(v.get('--channel')!) : ReleaseChannel.STANDARD,
    ...(implementations.length ? { implementations } : {}),
    ...(parsed.flags.has('--no-cross-object') ? { crossObject: false } : {}),
  };
  return {
    inputs: parsed.inputs,
    options,
    json: parsed.flags.has('--json'),
    verbose: parsed.flags.has('--verbose'),
    help: parsed.flags.has('--help'),
    maxFileSize: size('--max-file-size', DEFAULT_MAX_FILE_SIZE),
    maxTotalSize: size('--max-total-size', DEFAULT_MAX_TOTAL_SIZE),
  };
}

/** A warning does not make an object invalid. */
function isWarning(r: ValidationResult): boolean {
  return r.severity === ValidationSeverity.WARNING;
}

/** `Kind ns/name`, `Kind name`, or `<document>` for something that is not an object. */
function describeObject(r: ValidationResult): string {
  const kind = r.kind || '<document>';
  const name = r.name ?? '<unnamed>';
  const ident = r.namespace ? `${r.namespace}/${name}` : name;
  return r.kind || r.name ? `${kind} ${ident}` : kind;
}

function humanLine(l: Located): string {
  const r = l.result;
  const where = r.path ? ` ${r.path}` : '';
  const severity = isWarning(r) ? 'warning: ' : '';
  return `${l.file}:${l.line}: ${describeObject(r)}${where}: ${severity}${r.message}\n`;
}

function inputErrorLine(e: InputError): string {
  const pos = e.line !== undefined ? `:${e.line}:${e.column}` : '';
  return `${e.file}${pos}: ${e.message}\n`;
}

/** `1 input could not be read; `, `2 inputs could not be read, 1 could not be parsed; ` or nothing. */
function failedInputs(errors: readonly InputError[]): string {
  const parts = (['read', 'parse', 'validate'] as const)
    .map(stage => ({ stage, n: new Set(errors.filter(e => e.stage === stage).map(e => e.file)).size }))
    .filter(p => p.n > 0)
    .map((p, i) => `${i === 0 ? plural(p.n, 'input') : p.n} could not be ${p.stage === 'read' ? 'read' : p.stage === 'parse' ? 'parsed' : 'validated'}`);
  return parts.length > 0 ? `${parts.join(', ')}; ` : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Runs `validate` with the arguments that follow it. It does not throw: an unexpected exception
 * (a bug) is one line on standard error, without a stack trace, and exit code 2.
 *
 * @returns the exit code: 0 valid, 1 invalid, 2 unreadable input or bad usage
 */
export function runValidate(args: readonly string[], io: CliIo): number {
  try {
    return runValidateOrThrow(args, io);
  } catch (e) {
    io.err(`cdk8s-gateway-api validate: internal error: ${errorText(e)}\n`);
    return EXIT_ERROR;
  }
}

function runValidateOrThrow(args: readonly string[], io: CliIo): number {
  let parsed: ParsedArgs;
  try {
    parsed = parseValidateArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`cdk8s-gateway-api validate: ${e.message}\nRun "cdk8s-gateway-api validate --help" for usage.\n`);
    return EXIT_ERROR;
  }
  if (parsed.help) {
    io.out(VALIDATE_USAGE);
    return EXIT_VALID;
  }
  let inputs = parsed.inputs;
  if (inputs.length === 0) {
    if (io.stdinIsTty) {
      io.err('cdk8s-gateway-api validate: no input (give files, directories, or - for standard input)\n'
        + 'Run "cdk8s-gateway-api validate --help" for usage.\n');
      return EXIT_ERROR;
    }
    inputs = ['-'];
  }

  // Each input is validated as it is read, one object at a time; the checks across objects run
  // once all are read (src/cli/validate-stream.ts).
  const stream = new StreamValidation(parsed.options, r => parsed.verbose || r.code !== 'cel-skipped');
  const { errors, skipped } = readInputs(inputs, io, parsed, (source, inputErrors) => stream.add(source, inputErrors));
  const { located, validated: sources, objects, errors: validateErrors } = stream.finish();
  errors.push(...validateErrors);
  const problems = located.filter(l => !isWarning(l.result));
  const invalidObjects = new Set(problems.map(l => `${l.file}\u0000${l.documentIndex}\u0000${l.result.kind}\u0000${l.result.namespace}\u0000${l.result.name}`)).size;
  const code = errors.length > 0 ? EXIT_ERROR : problems.length > 0 ? EXIT_INVALID : EXIT_VALID;
  const { gatewayApiVersion, channel } = parsed.options;

  if (parsed.json) {
    const report = {
      valid: code === EXIT_VALID,
      exitCode: code,
      gatewayApiVersion,
      channel,
      ...(parsed.options.implementations ? { implementations: parsed.options.implementations } : {}),
      files: sources.map(s => s.file),
      objects,
      invalidObjects,
      results: located.map(l => {
        const r = l.result;
        return {
          file: l.file,
          line: l.line,
          documentIndex: l.documentIndex,
          ...(r.severity !== undefined ? { severity: r.severity } : {}),
          ...(r.code !== undefined ? { code: r.code } : {}),
          kind: r.kind,
          ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
          ...(r.name !== undefined ? { name: r.name } : {}),
          path: r.path,
          message: r.message,
          ...(r.rule !== undefined ? { rule: r.rule } : {}),
        };
      }),
      errors: errors.map(e => ({ file: e.file, ...(e.line !== undefined ? { line: e.line, column: e.column } : {}), message: e.message })),
      ...(skipped.length > 0 ? { skipped } : {}),
    };
    io.out(`${JSON.stringify(report, null, 2)}\n`);
    return code;
  }

  // Problems go to standard output in one write (fast for large reports); input errors and the
  // summary to standard error.
  if (located.length > 0) io.out(located.map(humanLine).join(''));
  for (const e of errors) io.err(inputErrorLine(e));
  for (const k of skipped) io.err(`${k.file}: ${k.message}\n`);
  const warnings = located.length - problems.length;
  const target = `Gateway API ${gatewayApiVersion}, ${channel} channel`;
  const verdict = problems.length > 0
    ? `${plural(invalidObjects, 'invalid object')} (${plural(problems.length, 'problem')})`
    : 'all valid';
  const extra = warnings > 0 ? `, ${plural(warnings, 'warning')}` : '';
  const counted = errors.length > 0 && sources.length === 0
    ? 'nothing validated'
    : `${plural(objects, 'object')} in ${plural(sources.length, 'file')}: ${verdict}${extra}`;
  io.err(`${failedInputs(errors)}${counted} (${target})\n`);
  return code;
}

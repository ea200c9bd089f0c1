import * as path from 'path';
import { OptionSpec, parseOptions, ParsedOptions, UsageError } from './args';
import { errorText } from './inputs';
import { convert, Conversion, ConvertOptions } from './migrate-convert';
import { inputErrorLine, readManifestObjects, ReadResult } from './migrate-inputs';
import { CONVERT_OPTION_SPECS, convertOptions, InputFailure } from './migrate-options';
import { commitFiles, filesPerNamespace, makeDirectory, OutputFile } from './migrate-output';
import { verifyJson, verifySummary, verifyText } from './migrate-verify';
import { countByStatus, MigrationReport, plural, reportJson, sortNotices, statusLine, totalsByAnnotation } from './report';
import { CliIo, EXIT_ERROR, EXIT_INVALID, EXIT_VALID } from './validate-command';
import { CompatNotice, NoticeStatus } from '../compat/notices';
import { GatewayApiValidation } from '../validation/synth-validation';

/*
 * `cdk8s-gateway-api migrate [FILE|DIR|-]... [options]`: ingress-nginx Ingresses in, Gateway API
 * YAML out, through IngressCompat exactly as a cdk8s app would run it (src/cli/migrate-convert.ts),
 * validated against the target CRDs. Exit 0 written; 1 `--strict` found a notice that is not
 * `translated`, or the output fails validation (nothing but the report is written); 2 an input
 * cannot be read or parsed (file:line:column), or bad usage (nothing is written).
 */

export const MIGRATE_USAGE = `Usage: cdk8s-gateway-api migrate [FILE|DIR|-]... [options]

Converts ingress-nginx Ingresses to Gateway API: Gateways with a listener per TLS host, an
HTTPRoute per Ingress and host, and what standard Gateway API cannot say as the chosen
implementation's policies. Every nginx.ingress.kubernetes.io/* annotation of every Ingress
ends in one notice: translated, approximate, unsupported or invalid. The output is validated
against the Gateway API CRDs and is the same, byte for byte, whatever the input order.

Inputs (Ingress v1/v1beta1/extensions, List, IngressClass, Service; other kinds are ignored
with a notice):
  FILE        a YAML or JSON file (kubectl get ingress,ingressclass,service -A -o yaml)
  DIR         every *.yaml, *.yml and *.json file below it, recursively, in sorted order
  -           standard input (also read when no input is given and it is not a terminal)

Options:
  --profile NAME              standard (default), envoy-gateway or nginx-gateway-fabric
  --gateway-class NAME        GatewayClass of the Gateways created (default: the ingress class)
  --gateway-class-map MAP     GatewayClass per ingress class: nginx=eg,internal=eg-internal
  --gateway NS/NAME[:LISTENER]
                              attach every route to this existing Gateway instead of creating
                              Gateways; LISTENER (default "https") is its HTTPS listener, and
                              its HTTP listener is "http" (see --http-listener)
  --listener-set NS/NAME      attach every route to this existing ListenerSet (listeners
                              "https" and "http")
  --http-listener NAME        the HTTP listener of --gateway or --listener-set (default "http")
  --ingress-class NAME        take Ingresses of this class (repeatable; default: as ingress-nginx,
                              class nginx and the classes of its IngressClasses)
  --nginx-config FILE         the ingress-nginx controller ConfigMap (its data changes defaults)
  --gateway-api VERSION       target release: v1.6.1 (default) or v1.5.1
  --channel CHANNEL           standard (default) or experimental (the standard profile then
                              adds HTTPRoute retry and sessionPersistence)
  --strict                    exit 1, writing only the report, when a notice about the input
                              (an annotation, an Ingress, an object, the ConfigMap) is not
                              "translated"; notices about the ingress-nginx defaults on the
                              Gateways (on "gateway/NS/NAME") are reported but do not fail
  -o, --output FILE           write the YAML to FILE (default: standard output)
  --out-dir DIR               write one file per namespace: DIR/<namespace>.yaml
                              (cluster-scoped objects in DIR/_cluster.yaml)
  --report FILE               write every notice and a summary as JSON:
                              {"notices":[{"ingress","annotation","status","message"}],"summary":{...}}
  --verify                    after converting, ask a model of ingress-nginx (the input) and a
                              Gateway API routing model (the output) the same probe requests
                              (each path and its boundaries, http and https, canary headers
                              and cookies, aliases, CORS, an unknown host and path) and report
                              every request whose outcome differs: expected (a notice or a
                              known divergence explains it) or unexpected (exit 1)
  --verify-report FILE        with --verify (implied): write the differences as JSON
  -q, --quiet                 print only errors (no summary, no notices, no progress)
  -h, --help                  show this help

Example:
  kubectl get ingress,ingressclass,service -A -o yaml > ingresses.yaml
  cdk8s-gateway-api migrate ingresses.yaml --profile envoy-gateway --gateway-class eg \\
    --report report.json -o gateway-api.yaml

Output: Gateway API YAML (as "cdk8s synth" writes it). Standard error: the notices that are not
translated (unless --report or --quiet), then a summary.
Exit status: 0 converted and valid; 1 --strict found a notice that is not "translated",
             --verify found an unexpected difference, or the output fails validation (only
             the reports are written); 2 an input could not be read
             or parsed (file:line:column), or bad usage (nothing is written).
`;

const MIGRATE_SPECS: readonly OptionSpec[] = [
  ...CONVERT_OPTION_SPECS,
  { name: '--strict', kind: 'flag' },
  { name: '--verify', kind: 'flag' },
  { name: '--verify-report', kind: 'value' },
  { name: '--output', aliases: ['-o'], kind: 'value' },
  { name: '--out-dir', kind: 'value' },
  { name: '--report', kind: 'value' },
  { name: '--quiet', aliases: ['-q'], kind: 'flag' },
  { name: '--help', aliases: ['-h'], kind: 'flag' },
];

/** The command's streams; `stderrIsTty` turns the progress line on for large inputs. */
export interface MigrateIo extends CliIo {
  /** Whether standard error is a terminal. */
  readonly stderrIsTty?: boolean;
}

/** Inputs above this many Ingresses get a progress line (on a terminal). */
export const PROGRESS_THRESHOLD = 200;

/**
 * Runs `migrate` with the arguments after it. It does not throw: an unexpected exception is one
 * line on standard error, without a stack trace, and exit 2.
 *
 * @returns the exit code: 0 written, 1 strict or invalid output, 2 unreadable input or bad usage
 */
export function runMigrate(args: readonly string[], io: MigrateIo): number {
  try {
    return migrate(args, io);
  } catch (e) {
    io.err(`cdk8s-gateway-api migrate: internal error: ${errorText(e)}\n`);
    return EXIT_ERROR;
  }
}

/** The parsed arguments of `migrate`, or the exit code when there is nothing to run. */
function parseMigrate(args: readonly string[], io: MigrateIo): { parsed: ParsedOptions; options: ConvertOptions; inputs: string[] } | number {
  const usage = (message: string) => {
    io.err(`cdk8s-gateway-api migrate: ${message}\nRun "cdk8s-gateway-api migrate --help" for usage.\n`);
    return EXIT_ERROR;
  };
  try {
    const parsed = parseOptions(args, MIGRATE_SPECS);
    if (parsed.flags.has('--help')) {
      io.out(MIGRATE_USAGE);
      return EXIT_VALID;
    }
    if (parsed.values.has('--output') && parsed.values.has('--out-dir')) throw new UsageError('options -o/--output and --out-dir exclude each other');
    let inputs = parsed.inputs;
    if (inputs.length === 0) {
      if (io.stdinIsTty) throw new UsageError('no input (give files, directories, or - for standard input)');
      inputs = ['-'];
    }
    return { parsed, options: convertOptions(parsed, io), inputs };
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    if (e instanceof InputFailure) {
      io.err(e.lines);
      return EXIT_ERROR;
    }
    throw e;
  }
}

/** What the synth gave: the YAML and objects, or the validation errors. */
type Synth = { readonly yaml: string; readonly objects: any[]; readonly warnings: string[] } | { readonly errors: string[] };

function synthesize(conversion: Conversion): Synth {
  try {
    const yaml = conversion.app.synthYaml();
    return { yaml, objects: Object.values(conversion.chart.toJson()), warnings: GatewayApiValidation.of(conversion.app).warnings };
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    const header = 'Validation failed with the following errors:\n';
    if (!text.startsWith(header)) throw e;
    return { errors: text.slice(header.length).split('\n').map(l => l.trim()).filter(l => l !== '') };
  }
}

/**
 * Whether a notice is about the ingress-nginx defaults on a Gateway (one migrate creates,
 * `gateway/<namespace>/<name>`, or the one attached to, `gateway`) rather than about the input.
 * These differ on every profile, so `--strict` leaves them out (they stay in the report);
 * Ingress ids have one `/` and input positions a `:`, so neither is taken for one.
 */
export function isGatewayDefault(n: CompatNotice): boolean {
  return n.annotation === undefined && (n.ingress === 'gateway' || /^gateway\/[^/:]+\/[^/:]+$/.test(n.ingress));
}

function noticeLine(n: CompatNotice): string {
  return `${n.ingress}${n.annotation !== undefined ? ` ${n.annotation}` : ''}: ${n.status}: ${n.message}\n`;
}

function migrate(args: readonly string[], io: MigrateIo): number {
  const got = parseMigrate(args, io);
  if (typeof got === 'number') return got;
  const { parsed, options, inputs } = got;
  const quiet = parsed.flags.has('--quiet');
  const strict = parsed.flags.has('--strict');

  const read: ReadResult = readManifestObjects(inputs, io);
  for (const k of read.skipped) if (!quiet) io.err(`${k.file}: ${k.message}\n`);
  if (read.errors.length > 0) {
    io.err(read.errors.map(inputErrorLine).join(''));
    io.err(`cdk8s-gateway-api migrate: ${plural(new Set(read.errors.map(e => e.file)).size, 'input')} could not be read; nothing written\n`);
    return EXIT_ERROR;
  }
  const ingresses = read.objects.filter(o => (o.object as any)?.kind === 'Ingress').length;
  // One line on a terminal, rewritten in place (`\r`, then erase to the end of the line).
  const showProgress = !quiet && io.stderrIsTty === true && ingresses > PROGRESS_THRESHOLD;
  const progress = (text: string) => {
    if (showProgress) io.err(text === '' ? '\r\x1b[K' : `\r\x1b[Kmigrate: ${text}`);
  };

  progress(`converting ${plural(ingresses, 'Ingress', 'Ingresses')}...`);
  let conversion: Conversion;
  try {
    conversion = convert(read.objects, options);
  } catch (e) {
    progress('');
    io.err(`cdk8s-gateway-api migrate: cannot convert: ${errorText(e)}\n`);
    return EXIT_ERROR;
  }
  const notices = sortNotices(conversion.notices);
  progress(`validating the output of ${plural(ingresses, 'Ingress', 'Ingresses')}...`);
  const synth = synthesize(conversion);
  progress('');

  const notExact = notices.filter(n => n.status !== NoticeStatus.TRANSLATED);
  const strictFailures = notExact.filter(n => !isGatewayDefault(n));
  const failedStrict = strict && strictFailures.length > 0;
  const invalid = 'errors' in synth;
  const verifyFile = parsed.values.get('--verify-report');
  const verify = !invalid && (parsed.flags.has('--verify') || verifyFile !== undefined) ? conversion.compat.verify() : undefined;
  const failedVerify = verify !== undefined && verify.unexpected > 0;
  const code = failedStrict || invalid || failedVerify ? EXIT_INVALID : EXIT_VALID;
  const objects = code === EXIT_VALID && !invalid ? synth.objects.length : 0;

  const files: OutputFile[] = [];
  const cwd = io.cwd ?? process.cwd();
  const reportFile = parsed.values.get('--report');
  if (reportFile !== undefined) {
    const report: MigrationReport = {
      notices,
      summary: {
        ingresses,
        objects,
        notices: notices.length,
        byStatus: countByStatus(notices),
        byAnnotation: totalsByAnnotation(notices),
        profile: options.profile,
        gatewayApiVersion: options.gatewayApiVersion,
        channel: options.channel,
        files: read.files,
        strict,
        exitCode: code,
      },
    };
    files.push({ path: path.resolve(cwd, reportFile), text: reportJson(report) });
  }
  if (verify !== undefined && verifyFile !== undefined) files.push({ path: path.resolve(cwd, verifyFile), text: verifyJson(verify) });
  const outFile = parsed.values.get('--output');
  const outDir = parsed.values.get('--out-dir');
  let stdout: string | undefined;
  if (code === EXIT_VALID && !invalid) {
    if (outDir !== undefined) files.push(...filesPerNamespace(path.resolve(cwd, outDir), synth.objects));
    else if (outFile !== undefined && outFile !== '-') files.push({ path: path.resolve(cwd, outFile), text: synth.yaml });
    else stdout = synth.yaml;
  }
  try {
    if (outDir !== undefined && stdout === undefined && code === EXIT_VALID) makeDirectory(path.resolve(cwd, outDir));
    commitFiles(files);
  } catch (e) {
    io.err(`cdk8s-gateway-api migrate: ${errorText(e)}; nothing written\n`);
    return EXIT_ERROR;
  }
  if (stdout !== undefined) io.out(stdout);

  if (invalid) for (const line of synth.errors) io.err(`validation: ${line}\n`);
  else if (!quiet) for (const line of synth.warnings) io.err(`validation warning: ${line}\n`);
  if (verify !== undefined && (!quiet || failedVerify)) io.err(quiet || verifyFile !== undefined ? verifySummary(verify) : verifyText(verify));
  if (failedStrict) for (const n of strictFailures) io.err(`strict: ${noticeLine(n)}`);
  else if (!quiet && reportFile === undefined) for (const n of notExact) io.err(noticeLine(n));
  if (!quiet || code !== EXIT_VALID) {
    io.err(summaryLine(ingresses, read.files.length, objects, notices, synth, failedStrict, strictFailures.length, verify?.unexpected ?? 0));
  }
  return code;
}

function summaryLine(ingresses: number, files: number, objects: number, notices: CompatNotice[], synth: Synth,
  failedStrict: boolean, notExact: number, unexpected: number): string {
  const read = `${plural(ingresses, 'Ingress', 'Ingresses')} read from ${plural(files, 'file')}`;
  const reasons: string[] = [];
  if ('errors' in synth) reasons.push(`the output fails validation: ${plural(synth.errors.length, 'problem')}`);
  if (failedStrict) reasons.push(`--strict: ${plural(notExact, 'notice')} not translated`);
  if (unexpected > 0) reasons.push(`--verify: ${plural(unexpected, 'request')} routed differently than by ingress-nginx, with no notice explaining it`);
  const written = reasons.length > 0 ? `nothing written (${reasons.join('; ')})` : `${plural(objects, 'object')} written`;
  return `migrate: ${read}, ${written}; notices: ${statusLine(countByStatus(notices))}\n`;
}

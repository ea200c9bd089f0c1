import * as path from 'path';
import { choice, OptionSpec, parseOptions, UsageError } from './args';
import { formatCsv, formatJson, formatMarkdown, formatTable } from './audit-format';
import { formatHtml } from './audit-html';
import { buildAudit } from './audit-model';
import { errorText } from './inputs';
import { convert } from './migrate-convert';
import { inputErrorLine, readManifestObjects } from './migrate-inputs';
import { CONVERT_OPTION_SPECS, convertOptions, InputFailure } from './migrate-options';
import { commitFiles } from './migrate-output';
import { CliIo, EXIT_ERROR, EXIT_VALID } from './validate-command';

/*
 * `cdk8s-gateway-api audit [FILE|DIR|-]... [--format table|markdown|json|csv|html]`: the
 * inventory a team reviews before migrating, without converting anything: every Ingress, its
 * class, hosts and TLS hosts, the status each annotation would get on the chosen profile (the
 * notices of the same IngressCompat run `migrate` does), and totals per annotation and status.
 */

export const AUDIT_USAGE = `Usage: cdk8s-gateway-api audit [FILE|DIR|-]... [options]

Lists every Ingress (class, hosts, TLS hosts) and what each nginx.ingress.kubernetes.io/*
annotation would become on the chosen profile (translated, approximate, unsupported, invalid),
with totals per annotation and per status: what to decide before migrating. Nothing is
converted or written except the report. Inputs, --profile, --ingress-class, --nginx-config and
the other conversion options are those of "cdk8s-gateway-api migrate" (see its --help).

Options:
  --format FORMAT        table (default; fits 100 columns), markdown, json, csv, or html (one
                         self-contained page with sortable tables)
  --profile NAME         standard (default), envoy-gateway or nginx-gateway-fabric
  --ingress-class NAME   take Ingresses of this class (repeatable)
  --nginx-config FILE    the ingress-nginx controller ConfigMap
  -o, --output FILE      write the report to FILE (default: standard output)
  -h, --help             show this help

Example:
  kubectl get ingress,ingressclass -A -o yaml | cdk8s-gateway-api audit --profile envoy-gateway
  cdk8s-gateway-api audit ingresses.yaml --format html -o audit.html

Exit status: 0 the report was printed; 2 an input could not be read or parsed
             (file:line:column), or bad usage.
`;

const FORMATS = ['table', 'markdown', 'json', 'csv', 'html'] as const;
type Format = typeof FORMATS[number];

const AUDIT_SPECS: readonly OptionSpec[] = [
  ...CONVERT_OPTION_SPECS,
  { name: '--format', kind: 'value' },
  { name: '--output', aliases: ['-o'], kind: 'value' },
  { name: '--help', aliases: ['-h'], kind: 'flag' },
];

const FORMATTERS: { readonly [f in Format]: (audit: ReturnType<typeof buildAudit>) => string } = {
  table: formatTable,
  markdown: formatMarkdown,
  json: formatJson,
  csv: formatCsv,
  html: formatHtml,
};

/**
 * Runs `audit` with the arguments after it. It does not throw.
 *
 * @returns the exit code: 0 printed, 2 unreadable input or bad usage
 */
export function runAudit(args: readonly string[], io: CliIo): number {
  try {
    return audit(args, io);
  } catch (e) {
    io.err(`cdk8s-gateway-api audit: internal error: ${errorText(e)}\n`);
    return EXIT_ERROR;
  }
}

function audit(args: readonly string[], io: CliIo): number {
  let format: Format;
  let options;
  let inputs: string[];
  let output: string | undefined;
  try {
    const parsed = parseOptions(args, AUDIT_SPECS);
    if (parsed.flags.has('--help')) {
      io.out(AUDIT_USAGE);
      return EXIT_VALID;
    }
    format = choice(FORMATS, parsed.values.get('--format') ?? 'table', '--format');
    output = parsed.values.get('--output');
    inputs = parsed.inputs;
    if (inputs.length === 0) {
      if (io.stdinIsTty) throw new UsageError('no input (give files, directories, or - for standard input)');
      inputs = ['-'];
    }
    options = convertOptions(parsed, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`cdk8s-gateway-api audit: ${e.message}\nRun "cdk8s-gateway-api audit --help" for usage.\n`);
      return EXIT_ERROR;
    }
    if (e instanceof InputFailure) {
      io.err(e.lines);
      return EXIT_ERROR;
    }
    throw e;
  }
  const read = readManifestObjects(inputs, io);
  if (read.errors.length > 0) {
    io.err(read.errors.map(inputErrorLine).join(''));
    return EXIT_ERROR;
  }
  let notices;
  try {
    notices = convert(read.objects, options).notices;
  } catch (e) {
    io.err(`cdk8s-gateway-api audit: cannot convert: ${errorText(e)}\n`);
    return EXIT_ERROR;
  }
  const report = FORMATTERS[format](buildAudit(read.objects, notices, options.profile, options.ingressClasses));
  if (output === undefined || output === '-') {
    io.out(report);
    return EXIT_VALID;
  }
  try {
    commitFiles([{ path: path.resolve(io.cwd ?? process.cwd(), output), text: report }]);
  } catch (e) {
    io.err(`cdk8s-gateway-api audit: ${errorText(e)}\n`);
    return EXIT_ERROR;
  }
  return EXIT_VALID;
}

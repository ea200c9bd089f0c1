import { OptionSpec, parseOptions, UsageError } from './args';
import { explainText } from './explain-format';
import { isRequestArgument, parseRequest } from './explain-request';
import { errorText } from './inputs';
import { inputErrorLine, readManifestObjects } from './migrate-inputs';
import { CliIo, EXIT_ERROR, EXIT_VALID } from './validate-command';
import { IngressNginxModel } from '../compat/nginx-model/ingress-nginx-model';
import { GatewayByHost } from '../compat/verify/gateway-by-host';
import { PathRegexDialect } from '../simulate/path-regex-dialect';
import { SimOutcome, SimRequest } from '../simulate/types';

/*
 * `cdk8s-gateway-api explain FILE|DIR... "GET https://shop.example.com/api?x=1"`: where a
 * request goes, offline. Gateway API objects are asked of the routing model (RoutingModel);
 * with `--ingress`, Ingresses are asked of the ingress-nginx model (IngressNginxModel).
 * Exit 0 answered (whatever the status), 2 unreadable input or bad usage.
 */

export const EXPLAIN_USAGE = `Usage: cdk8s-gateway-api explain [FILE|DIR|-]... "[METHOD] URL" [options]

Shows where a request goes, step by step (listener → route → rule → filters → backends), as
the Gateway API specification routes it, for the Gateway API objects of the inputs. With
--ingress, asks what ingress-nginx does with the Ingresses of the inputs instead (server →
location → annotations → canary → backend).

Options:
  -H, --header "NAME: VALUE"  a request header (repeatable)
  --cookie NAME=VALUE         a request cookie (repeatable)
  --sni NAME                  TLS server name (default: the URL's host)
  --ingress                   ask the ingress-nginx model about Ingress inputs
  --ingress-class NAME        with --ingress: take Ingresses of this class (repeatable)
  --profile NAME              the implementation of the Gateway API objects, for what the
                              specification leaves to it (how RegularExpression paths match):
                              standard and envoy-gateway (RE2, whole path; default) or
                              nginx-gateway-fabric (nginx, anywhere in the path)
  --json                      print the outcome as JSON
  -h, --help                  show this help

Example:
  cdk8s-gateway-api explain dist/ "GET https://shop.example.com/api?x=1" -H 'X-Canary: always'
  cdk8s-gateway-api explain --ingress ingresses.yaml "https://shop.example.com/"

Exit status: 0 answered (whatever the request's status); 2 an input could not be read or
             parsed (file:line:column), or bad usage.
`;

const PROFILES = ['standard', 'envoy-gateway', 'nginx-gateway-fabric'];

const SPECS: readonly OptionSpec[] = [
  { name: '--header', aliases: ['-H'], kind: 'list' },
  { name: '--cookie', kind: 'list' },
  { name: '--sni', kind: 'value' },
  { name: '--ingress', kind: 'flag' },
  { name: '--ingress-class', kind: 'list' },
  { name: '--json', kind: 'flag' },
  { name: '--profile', kind: 'value', check: v => { if (!PROFILES.includes(v)) throw new UsageError(`--profile ${v}: use ${PROFILES.join(', ')}`); } },
  { name: '--help', aliases: ['-h'], kind: 'flag' },
];

/**
 * Runs `explain` with the arguments after it. It does not throw.
 *
 * @returns the exit code
 */
export function runExplain(args: readonly string[], io: CliIo): number {
  try {
    return explain(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`cdk8s-gateway-api explain: ${e.message}\nRun "cdk8s-gateway-api explain --help" for usage.\n`);
      return EXIT_ERROR;
    }
    io.err(`cdk8s-gateway-api explain: internal error: ${errorText(e)}\n`);
    return EXIT_ERROR;
  }
}

function explain(args: readonly string[], io: CliIo): number {
  const parsed = parseOptions(args, SPECS);
  if (parsed.flags.has('--help')) {
    io.out(EXPLAIN_USAGE);
    return EXIT_VALID;
  }
  const requests = parsed.inputs.filter(isRequestArgument);
  if (requests.length !== 1) throw new UsageError(requests.length === 0 ? 'no request (give "METHOD URL" after the inputs)' : `one request at a time (got ${requests.length})`);
  const inputs = parsed.inputs.filter(a => !isRequestArgument(a));
  if (inputs.length === 0) throw new UsageError('no input (give files, directories, or - for standard input)');
  const request: SimRequest = parseRequest(requests[0], parsed.lists.get('--header') ?? [], parsed.lists.get('--cookie') ?? [], parsed.values.get('--sni'));

  const read = readManifestObjects(inputs, io);
  if (read.errors.length > 0) {
    for (const e of read.errors) io.err(inputErrorLine(e));
    return EXIT_ERROR;
  }
  const objects = read.objects.map(o => o.object);
  const ingress = parsed.flags.has('--ingress');
  const classes = parsed.lists.get('--ingress-class');
  const outcome: SimOutcome = ingress
    ? IngressNginxModel.fromObjects(objects, classes ? { ingressClasses: classes } : {}).route(request)
    : new GatewayByHost(objects, { pathRegexDialect: parsed.values.get('--profile') === 'nginx-gateway-fabric' ? PathRegexDialect.NGINX : PathRegexDialect.RE2_FULL_MATCH }).route(request);
  if (parsed.flags.has('--json')) {
    io.out(JSON.stringify({ request, model: ingress ? 'ingress-nginx' : 'gateway-api', outcome }, undefined, 2) + '\n');
  } else {
    io.out(explainText(ingress ? 'ingress-nginx' : 'Gateway API', request, outcome));
  }
  return EXIT_VALID;
}

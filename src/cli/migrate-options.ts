import { choice, OptionSpec, ParsedOptions, UsageError } from './args';
import { ConvertOptions, ParentRef } from './migrate-convert';
import { inputErrorLine, readManifestObjects } from './migrate-inputs';
import { CliIo } from './validate-command';
import { controllerConfigFromManifest } from '../compat/controller-config';
import { ReleaseChannel } from '../core/channel';
import { ProfileName } from '../profiles/verdicts';
import { GatewayApiVersion } from '../validation/validation-types';

/*
 * The conversion options `migrate` and `audit` share (profile, classes, controller ConfigMap,
 * attachment, target release), from the parsed arguments to `ConvertOptions`.
 */

/** The options of the conversion, as written on the command line. */
export const CONVERT_OPTION_SPECS: readonly OptionSpec[] = [
  { name: '--profile', kind: 'value' },
  { name: '--ingress-class', kind: 'list' },
  { name: '--nginx-config', kind: 'value' },
  { name: '--gateway-class', kind: 'value' },
  { name: '--gateway-class-map', kind: 'list' },
  { name: '--gateway', kind: 'value' },
  { name: '--listener-set', kind: 'value' },
  { name: '--http-listener', kind: 'value' },
  { name: '--gateway-api', aliases: ['--gateway-api-version'], kind: 'value' },
  { name: '--channel', kind: 'value' },
];

/** An input that cannot be read: the command prints `lines` and exits 2. */
export class InputFailure extends Error {
  constructor(public readonly lines: string) {
    super(lines.trim());
    this.name = 'InputFailure';
  }
}

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** `NS/NAME` or `NAME`, with an optional `:LISTENER` when `listener` is allowed. */
function parentRef(raw: string, option: string, listener: boolean): ParentRef & { listener?: string } {
  const m = /^(?:([^/:]+)\/)?([^/:]+)(?::([^/:]+))?$/.exec(raw);
  const form = listener ? 'NS/NAME[:LISTENER]' : 'NS/NAME';
  if (m === null || (!listener && m[3] !== undefined)) throw new UsageError(`option ${option}: "${raw}" is not ${form}`);
  for (const part of [m[1], m[2]]) {
    if (part !== undefined && !NAME.test(part)) throw new UsageError(`option ${option}: "${part}" in "${raw}" is not a valid Kubernetes name (lowercase letters, digits, "-" and ".")`);
  }
  return { ...(m[1] !== undefined ? { namespace: m[1] } : {}), name: m[2], ...(m[3] !== undefined ? { listener: m[3] } : {}) };
}

/** `nginx=eg,internal=eg-internal` (several options add up). */
function classMap(raws: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of raws) {
    for (const pair of raw.split(',').filter(p => p !== '')) {
      const m = /^([^=\s]+)=([^=\s]+)$/.exec(pair);
      if (m === null) throw new UsageError(`option --gateway-class-map: "${pair}" is not INGRESS_CLASS=GATEWAY_CLASS (e.g. nginx=eg,internal=eg-internal)`);
      out.set(m[1], m[2]);
    }
  }
  return out;
}

/** Reads the controller ConfigMap (`--nginx-config FILE`): its `data`. */
function readNginxConfig(file: string, io: CliIo): { [key: string]: string } {
  const read = readManifestObjects([file], io);
  if (read.errors.length > 0) throw new InputFailure(read.errors.map(inputErrorLine).join(''));
  const objects = read.objects.map(o => o.object);
  try {
    return controllerConfigFromManifest(objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new InputFailure(`${read.files[0] ?? file}: ${message.replace(/^controllerConfig: /, '')} (--nginx-config takes the ingress-nginx controller ConfigMap)\n`);
  }
}

/**
 * The conversion options given.
 *
 * @throws UsageError for a bad value
 * @throws InputFailure when `--nginx-config` cannot be read
 */
export function convertOptions(parsed: ParsedOptions, io: CliIo): ConvertOptions {
  const v = parsed.values;
  const profile = choice(Object.values(ProfileName), v.get('--profile') ?? ProfileName.STANDARD, '--profile');
  const version = v.get('--gateway-api') ?? GatewayApiVersion.V1_6_1;
  const gatewayApiVersion = choice(Object.values(GatewayApiVersion), version.startsWith('v') ? version : `v${version}`, '--gateway-api');
  const channel = choice(Object.values(ReleaseChannel), (v.get('--channel') ?? ReleaseChannel.STANDARD).toLowerCase(), '--channel');
  const gatewayRaw = v.get('--gateway');
  const listenerSetRaw = v.get('--listener-set');
  if (gatewayRaw !== undefined && listenerSetRaw !== undefined) throw new UsageError('options --gateway and --listener-set exclude each other (routes attach to one parent)');
  const gateway = gatewayRaw === undefined ? undefined : parentRef(gatewayRaw, '--gateway', true);
  const listenerSet = listenerSetRaw === undefined ? undefined : parentRef(listenerSetRaw, '--listener-set', false);
  const httpListener = v.get('--http-listener');
  if (httpListener !== undefined && gateway === undefined && listenerSet === undefined) {
    throw new UsageError('option --http-listener needs --gateway or --listener-set');
  }
  const gatewayClass = v.get('--gateway-class');
  const gatewayClassMap = classMap(parsed.lists.get('--gateway-class-map') ?? []);
  if ((gateway !== undefined || listenerSet !== undefined) && (gatewayClass !== undefined || gatewayClassMap.size > 0)) {
    throw new UsageError('options --gateway-class and --gateway-class-map apply to the Gateways migrate creates; with --gateway or --listener-set none is created');
  }
  const ingressClasses = (parsed.lists.get('--ingress-class') ?? []).flatMap(c => c.split(',')).filter(c => c !== '');
  const configFile = v.get('--nginx-config');
  return {
    profile,
    ingressClasses,
    ...(gatewayClass !== undefined ? { gatewayClass } : {}),
    gatewayClassMap,
    ...(gateway !== undefined ? { gateway: { namespace: gateway.namespace, name: gateway.name } } : {}),
    ...(listenerSet !== undefined ? { listenerSet } : {}),
    ...(httpListener !== undefined ? { httpListenerName: httpListener } : {}),
    ...(gateway?.listener !== undefined ? { httpsListenerName: gateway.listener } : {}),
    ...(configFile !== undefined ? { controllerConfigData: readNginxConfig(configFile, io) } : {}),
    gatewayApiVersion,
    channel,
  };
}

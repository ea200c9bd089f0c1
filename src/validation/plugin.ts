import * as fs from 'fs';
import * as jsyaml from 'js-yaml';
import { GatewayApiVersion, ImplementationCrds, ManifestValidator, ValidationOptions, ValidationResult } from './validator';
import { ReleaseChannel } from '../core/channel';

/*
 * A cdk8s-cli validation plugin: `cdk8s synth` runs it on the synthesized manifests when the
 * app's cdk8s.yaml lists it under `validations:`. cdk8s-cli loads a plugin by `require`-ing the
 * `package` (an npm package name, installed into its plugins directory on first use, or a local
 * path starting with `./` or `/`, loaded as is) and calling `new <class>(properties)`, then
 * `await plugin.validate(context)`. Offline, point `package` at the installed library:
 *
 *   validations:
 *     - package: ./node_modules/cdk8s-gateway-api/lib/validation/plugin.js
 *       class: GatewayApiValidationPlugin
 *       version: 0.0.0            # shown in the report; must not be a range
 *       properties:
 *         gatewayApiVersion: v1.6.1   # or v1.5.1
 *         channel: standard           # or experimental
 *
 * The cdk8s-cli types are mirrored structurally here (cdk8s-cli is not a dependency of the
 * library), and the class is not part of the jsii API: it only makes sense inside cdk8s-cli.
 */

/** The parts of cdk8s-cli's `ValidationContext` the plugin uses. */
export interface PluginValidationContext {
  /** Paths of the synthesized manifests. */
  readonly manifests: readonly string[];
  /** The report to fill and submit. */
  readonly report: {
    addViolation(violation: PluginViolation): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  /** cdk8s-cli's logger. */
  readonly logger?: { log(message: string): void };
}

/** cdk8s-cli's `ValidationViolation`. */
export interface PluginViolation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: readonly {
    /** `metadata.name`: cdk8s-cli maps it to the construct path. */
    readonly resourceName: string;
    readonly locations: readonly string[];
    readonly manifestPath: string;
  }[];
}

/** The `properties` of the plugin's entry in cdk8s.yaml. */
export interface GatewayApiValidationPluginProperties {
  /** Gateway API release (`v1.6.1` or `v1.5.1`). @default v1.6.1 */
  readonly gatewayApiVersion?: string;
  /** Release channel (`standard` or `experimental`). @default standard */
  readonly channel?: string;
  /** Implementation CRDs to validate as well (`envoy-gateway-v1.9.0`, `nginx-gateway-fabric-v2.6.7`). @default none */
  readonly implementations?: readonly string[];
  /**
   * Run the checks across objects (route parents and listeners, ReferenceGrants, conflicts,
   * policy targets) over all the app's manifests, when the validator has them. @default true
   */
  readonly crossObject?: boolean;
  /** Fail the report on warnings too (when the validator grades results). @default false */
  readonly failOnWarnings?: boolean;
  /**
   * Also report `cel-skipped` notes (CEL rules not evaluated because the object has other,
   * reported, errors). @default false
   */
  readonly verbose?: boolean;
}

const PROPERTIES = ['gatewayApiVersion', 'channel', 'implementations', 'crossObject', 'failOnWarnings', 'verbose'];

function oneOf<T extends string>(values: readonly T[], raw: unknown, what: string): T {
  const found = values.find(v => v === raw || (typeof raw === 'string' && v === raw.toLowerCase()));
  if (found === undefined) {
    throw new Error(`GatewayApiValidationPlugin: ${what} must be one of ${values.map(v => `"${v}"`).join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return found;
}

/** A result, with the fields only newer validators report marked optional. */
type GradedResult = Omit<ValidationResult, 'code' | 'severity' | 'documentIndex'>
  & { readonly severity?: string; readonly code?: string; readonly documentIndex?: number };

/** Codes of the per-object checks: too coarse to name a violation (the message does). */
const PER_OBJECT_CODES = new Set(['schema', 'cel', 'cel-skipped', 'unknown-kind', 'not-an-object', 'yaml']);

function isWarning(r: GradedResult): boolean {
  return typeof r.severity === 'string' && r.severity.toLowerCase() === 'warning';
}

/**
 * Validates `cdk8s synth` output against the Gateway API CRDs (schema and CEL rules), as the
 * API server would. Objects of other API groups are skipped.
 */
export class GatewayApiValidationPlugin {
  private readonly options: ValidationOptions & { gatewayApiVersion: GatewayApiVersion; channel: ReleaseChannel };
  private readonly failOnWarnings: boolean;
  private readonly verbose: boolean;

  constructor(properties: GatewayApiValidationPluginProperties = {}) {
    const props = (properties ?? {}) as { readonly [key: string]: unknown };
    const unknown = Object.keys(props).filter(k => !PROPERTIES.includes(k));
    if (unknown.length > 0) {
      throw new Error(`GatewayApiValidationPlugin: unknown properties ${unknown.map(k => `"${k}"`).join(', ')} (supported: ${PROPERTIES.join(', ')})`);
    }
    const version = typeof props.gatewayApiVersion === 'string' && !props.gatewayApiVersion.startsWith('v')
      ? `v${props.gatewayApiVersion}` : props.gatewayApiVersion;
    const impls = props.implementations ?? [];
    if (!Array.isArray(impls)) throw new Error('GatewayApiValidationPlugin: implementations must be a list');
    for (const flag of ['crossObject', 'failOnWarnings', 'verbose']) {
      if (props[flag] !== undefined && typeof props[flag] !== 'boolean') throw new Error(`GatewayApiValidationPlugin: ${flag} must be true or false`);
    }
    const implementations = impls.map(i => oneOf(Object.values(ImplementationCrds), i, 'each of implementations'));
    this.options = {
      gatewayApiVersion: version === undefined ? GatewayApiVersion.V1_6_1 : oneOf(Object.values(GatewayApiVersion), version, 'gatewayApiVersion'),
      channel: props.channel === undefined ? ReleaseChannel.STANDARD : oneOf(Object.values(ReleaseChannel), props.channel, 'channel'),
      ...(implementations.length > 0 ? { implementations } : {}),
      ...(props.crossObject === false ? { crossObject: false } : {}),
    };
    this.failOnWarnings = props.failOnWarnings === true;
    this.verbose = props.verbose === true;
  }

  /**
   * Validates every manifest of the context together and fills its report: one violation per
   * distinct problem, listing the resources (by `metadata.name`, which cdk8s-cli maps to
   * construct paths) and the field paths. The report fails if any object is invalid.
   */
  public async validate(context: PluginValidationContext): Promise<void> {
    const objects: unknown[] = [];
    const origins: string[] = [];
    const unreadable: PluginViolation[] = [];
    for (const manifestPath of [...context.manifests].sort()) {
      let docs: unknown[];
      try {
        docs = jsyaml.loadAll(fs.readFileSync(manifestPath, 'utf8'));
      } catch (e) {
        const line = e instanceof jsyaml.YAMLException && e.mark ? `:${e.mark.line + 1}` : '';
        unreadable.push({
          ruleName: 'unreadable manifest',
          recommendation: `${manifestPath}${line}: ${e instanceof jsyaml.YAMLException ? e.reason : String(e)}`,
          fix: 'Make sure the app writes valid YAML manifests.',
          violatingResources: [{ resourceName: '', locations: [], manifestPath }],
        });
        continue;
      }
      for (const doc of docs) {
        if (doc === null || doc === undefined) continue;
        const list = typeof doc === 'object' && !Array.isArray(doc) && (doc as any).kind === 'List' && Array.isArray((doc as any).items);
        for (const item of list ? (doc as any).items as unknown[] : [doc]) {
          objects.push(item);
          origins.push(manifestPath);
        }
      }
    }

    // Validate the whole app at once (so checks across objects see it all), then find each
    // result's manifest by its object's index (or, from validators that do not give it, identity).
    const results = (ManifestValidator.validateObjects(objects, this.options) as GradedResult[])
      .filter(r => this.verbose || r.code !== 'cel-skipped');
    const manifestOf = new Map<string, string>();
    objects.forEach((o: any, i) => {
      const key = identity(o?.kind, o?.metadata?.namespace, o?.metadata?.name);
      if (!manifestOf.has(key)) manifestOf.set(key, origins[i]);
    });

    // One violation per distinct problem: per code (validators that give one), CEL rule, or message.
    const groups = new Map<string, { ruleName: string; results: GradedResult[]; warning: boolean }>();
    for (const r of results) {
      const warning = isWarning(r);
      const named = r.code !== undefined && !PER_OBJECT_CODES.has(r.code);
      const key = `${warning ? 'w' : 'e'}\u0000${named ? r.code : r.rule ?? r.message}`;
      const ruleName = `${warning ? 'warning: ' : ''}${named ? r.code : summary(r.message)}`;
      const group = groups.get(key) ?? { ruleName, results: [], warning };
      group.results.push(r);
      groups.set(key, group);
    }

    const target = `Gateway API ${this.options.gatewayApiVersion} ${this.options.channel} channel`;
    let failed = unreadable.length > 0;
    for (const v of unreadable) context.report.addViolation(v);
    for (const group of groups.values()) {
      if (!group.warning || this.failOnWarnings) failed = true;
      const first = group.results[0];
      const sameMessage = group.results.every(r => r.message === first.message);
      const resources = new Map<string, { resourceName: string; locations: string[]; manifestPath: string }>();
      for (const r of group.results) {
        const manifestPath = (typeof r.documentIndex === 'number' ? origins[r.documentIndex] : undefined)
          ?? manifestOf.get(identity(r.kind, r.namespace, r.name)) ?? '';
        const key = `${manifestPath}\u0000${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name ?? ''}`;
        const res = resources.get(key) ?? { resourceName: r.name ?? '', locations: [], manifestPath };
        const where = `${r.kind || '<document>'}${r.namespace ? ` ${r.namespace}/${r.name ?? ''}` : ''} ${r.path || '(object)'}`;
        res.locations.push(sameMessage ? where : `${where}: ${r.message}`);
        resources.set(key, res);
      }
      context.report.addViolation({
        ruleName: group.ruleName,
        recommendation: sameMessage ? first.message : `${first.message} (and ${group.results.length - 1} more, see the locations)`,
        fix: first.rule !== undefined
          ? `Change the object so that this CEL rule of the ${target} CRDs holds: ${first.rule.trim()}`
          : `Change the field so that the ${target} CRD schema accepts it (the API server would reject the object).`,
        violatingResources: [...resources.values()],
      });
    }
    const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    context.logger?.log(`cdk8s-gateway-api: ${count(objects.length, 'object')} validated against ${target}: ${count(results.length, 'problem')}`);
    context.report.submit(failed ? 'failure' : 'success', {
      gatewayApiVersion: this.options.gatewayApiVersion,
      channel: this.options.channel,
      objects: String(objects.length),
      problems: String(results.length),
    });
  }
}

function identity(kind: unknown, namespace: unknown, name: unknown): string {
  return `${typeof kind === 'string' ? kind : ''}\u0000${typeof namespace === 'string' ? namespace : ''}\u0000${typeof name === 'string' ? name : ''}`;
}

/** A result's message without the offending value: `Invalid value: "x": must ...` → `must ...`. */
function summary(message: string): string {
  const m = /^Invalid value: (?:"(?:[^"\\]|\\.)*"|[^:]+): (.*)$/s.exec(message);
  const text = m ? m[1] : message;
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

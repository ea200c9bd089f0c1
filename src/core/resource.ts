import { ApiObject, ApiObjectMetadata, ApiObjectMetadataDefinition, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { throwAt } from './errors';
import { checkNamespace, checkObjectName } from './formats';
import { safeName, toSubdomain } from './names';
import { RenderedApiObject } from './rendered-api-object';
import { reportedFinding } from '../validation/construct-findings';
import { GatewayApiValidation } from '../validation/synth-validation';

/**
 * Properties common to every Gateway API resource construct.
 */
export interface GatewayApiResourceProps {
  /**
   * Metadata of the object (name, namespace, labels, annotations).
   *
   * @default - the name is generated from the construct path (stable and DNS-1123 valid)
   * and the namespace is the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * A Gateway API object owned by this app.
 */
export interface IGatewayApiResource {
  /** The object's `metadata.name`. */
  readonly name: string;
  /** The object's `metadata.namespace`, or undefined when neither the construct nor its chart sets one. */
  readonly namespace?: string;
  /** The object's `kind`. */
  readonly kind: string;
  /** The object's API group. */
  readonly apiGroup: string;
}

/**
 * Base class of every L2 construct: owns exactly one API object, the child with id
 * `Resource`, whose spec is rendered at synth from the construct's private state.
 *
 * The object is a `cdk8s.ApiObject` built from the generated L1 types (not the generated L1
 * class), so JSON patches of fields missing from the vendored CRDs survive
 * synthesis: `ApiObject.of(route).addJsonPatch(JsonPatch.add('/spec/x', 1))`.
 */
export abstract class GatewayApiResource extends Construct implements IGatewayApiResource {
  /** The API object this construct renders. */
  public readonly apiObject: ApiObject;

  /** The object's `kind`. */
  public readonly kind: string;

  /** The object's `apiVersion`. */
  public readonly apiVersion: string;

  /** The object's metadata (labels and annotations may be added). */
  public readonly metadata: ApiObjectMetadataDefinition;

  protected constructor(scope: Construct, id: string, gvk: GroupVersionKind, props: GatewayApiResourceProps) {
    super(scope, id);
    this.kind = gvk.kind;
    this.apiVersion = gvk.apiVersion;
    const { name, namespace } = props.metadata ?? {};
    for (const err of [name === undefined ? undefined : checkObjectName(name), namespace === undefined ? undefined : checkNamespace(namespace)]) {
      if (err) this._fail(`metadata: ${err}`);
    }
    // A namespace inherited from the chart is checked at synth (a cluster-scoped kind drops it).
    this.node.addValidation({
      validate: () => {
        const err = namespace === undefined && this.namespace !== undefined ? checkNamespace(this.namespace) : undefined;
        return err ? [reportedFinding(this.apiObject, { path: 'metadata.namespace' }, `metadata: the chart's ${err}`)] : [];
      },
    });
    const spec = () => this._toSpec();
    const specJson = (value: any) => this._specJson(value);
    let apiObject: ApiObject = new RenderedApiObject(this, 'Resource', gvk, props.metadata, spec, specJson);
    // The chart generates the name from the construct path and keeps characters such as "_"
    // that object names cannot have: replace such a name with a valid, still unique one. When
    // the chart's name ends with its hash of the path, sanitizing keeps it unique; otherwise
    // (hashes disabled, a custom generateObjectName) a hash of the path is appended.
    if (name === undefined && checkObjectName(apiObject.name) !== undefined) {
      const generated = apiObject.name.endsWith(`-${apiObject.node.addr.slice(0, 8)}`)
        ? toSubdomain(apiObject.name)
        : safeName(apiObject.name, 253, [this.node.path]);
      this.node.tryRemoveChild('Resource');
      apiObject = new RenderedApiObject(this, 'Resource', gvk, { ...props.metadata, name: generated }, spec, specJson);
    }
    this.apiObject = apiObject;
    this.metadata = this.apiObject.metadata;
    // Every object of the app is validated against the CRDs at synth (once per app).
    GatewayApiValidation._register(this.apiObject);
  }

  /** The object's `metadata.name`. */
  public get name(): string {
    return this.apiObject.name;
  }

  /** The object's `metadata.namespace`, or undefined when neither the construct nor its chart sets one. */
  public get namespace(): string | undefined {
    return this.apiObject.metadata.namespace;
  }

  /** The object's API group. */
  public get apiGroup(): string {
    return this.apiVersion.split('/')[0];
  }

  /**
   * Renders `spec`; every kind overrides this.
   * @internal
   */
  protected _toSpec(): any {
    return undefined;
  }

  /**
   * The spec as cdk8s's L1 class would hand it to cdk8s (its `toJson_` conversion), for the
   * objects cdk8s renders itself (custom resolvers, JSON patches, unsorted output). A kind whose
   * `_toSpec` already returns the JSON field names leaves the conversion to this method, which
   * the sorted fast path skips (the conversion only renames fields and drops undefined values,
   * and the sorted copy drops those too).
   * @internal
   */
  protected _specJson(spec: any): any {
    return spec;
  }

  /**
   * Throws an error naming this construct's kind and path.
   * @internal
   */
  protected _fail(message: string): never {
    return throwAt(this, this.kind, message);
  }
}

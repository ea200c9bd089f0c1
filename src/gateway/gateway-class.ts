import { Construct, IConstruct } from 'constructs';
import { throwIn } from '../core/errors';
import { charLength, checkGroup, checkKind, checkNamespace, checkObjectName } from '../core/formats';
import { GatewayApiResource, GatewayApiResourceProps } from '../core/resource';
import * as l1 from '../imports/standard/gateway.networking.k8s.io';

const CONTROLLER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;
const MAX_DESCRIPTION = 64;

/**
 * A GatewayClass, owned by this app or imported by name.
 */
export interface IGatewayClass extends IConstruct {
  /** The GatewayClass's `metadata.name` (a Gateway's `spec.gatewayClassName`). */
  readonly gatewayClassName: string;
}

/**
 * A reference to the controller's configuration object for a GatewayClass.
 */
export interface GatewayClassParametersReference {
  /** API group of the object (`""` for core). */
  readonly group: string;
  /** Kind of the object. */
  readonly kind: string;
  /** Name of the object. */
  readonly name: string;
  /**
   * Namespace of the object.
   * @default - none (a cluster-scoped object)
   */
  readonly namespace?: string;
}

/**
 * Properties of a GatewayClass.
 */
export interface GatewayClassProps extends GatewayApiResourceProps {
  /**
   * The controller that manages Gateways of this class, a domain-prefixed path such as
   * `gateway.envoyproxy.io/gatewayclass-controller`. Immutable once applied.
   */
  readonly controllerName: string;
  /**
   * The controller's configuration for this class.
   * @default - none
   */
  readonly parametersRef?: GatewayClassParametersReference;
  /**
   * Human-readable description (at most 64 characters).
   * @default - none
   */
  readonly description?: string;
}

/**
 * A GatewayClass: a kind of Gateway, implemented by one controller. Cluster-scoped, so it
 * renders no namespace even in a chart that has one.
 */
export class GatewayClass extends GatewayApiResource implements IGatewayClass {
  /**
   * A GatewayClass defined elsewhere (installed with the controller, for example).
   */
  public static fromGatewayClassName(scope: Construct, id: string, name: string): IGatewayClass {
    const err = checkObjectName(name);
    if (err) throwIn('GatewayClass.fromGatewayClassName', err);
    return new ImportedGatewayClass(scope, id, name);
  }

  /** The controller that manages Gateways of this class. */
  public readonly controllerName: string;

  /** The description, if any. */
  public readonly description?: string;

  /** The controller's configuration, if any. */
  public readonly parametersRef?: GatewayClassParametersReference;

  public constructor(scope: Construct, id: string, props: GatewayClassProps) {
    super(scope, id, l1.GatewayClass.GVK, props);
    if (props.metadata?.namespace !== undefined) {
      this._fail(`metadata.namespace "${props.metadata.namespace}" is not allowed: GatewayClass is cluster-scoped`);
    }
    // Cluster-scoped: drop the namespace cdk8s copies from the chart.
    (this.apiObject.metadata as { namespace?: string }).namespace = undefined;

    if (props.controllerName.length > 253 || !CONTROLLER_NAME.test(props.controllerName)) {
      this._fail(`controllerName "${props.controllerName}" must be a domain-prefixed path such as "example.com/gateway-controller"`);
    }
    if (props.description !== undefined && charLength(props.description) > MAX_DESCRIPTION) {
      this._fail(`description is ${props.description.length} characters; at most ${MAX_DESCRIPTION} are allowed`);
    }
    const ref = props.parametersRef;
    if (ref) {
      const errors = [checkGroup(ref.group), checkKind(ref.kind), checkObjectName(ref.name),
        ref.namespace === undefined ? undefined : checkNamespace(ref.namespace)];
      for (const err of errors) {
        if (err) this._fail(`parametersRef: ${err}`);
      }
    }
    this.controllerName = props.controllerName;
    this.description = props.description;
    this.parametersRef = ref;
  }

  /** The GatewayClass's name. */
  public get gatewayClassName(): string {
    return this.name;
  }

  /** @internal */
  protected _toSpec(): any {
    return l1.toJson_GatewayClassSpec({
      controllerName: this.controllerName,
      description: this.description,
      parametersRef: this.parametersRef ? { ...this.parametersRef } : undefined,
    });
  }
}

class ImportedGatewayClass extends Construct implements IGatewayClass {
  public constructor(scope: Construct, id: string, public readonly gatewayClassName: string) {
    super(scope, id);
  }
}

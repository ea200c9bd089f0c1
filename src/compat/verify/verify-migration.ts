/**
 * `IngressCompat.verify()` and `migrate --verify`: the ingress-nginx model of the input and the
 * Gateway API routing model of the output, compared on the probe requests.
 */
import { GatewayByHost } from './gateway-by-host';
import { verifyTranslation } from './verify';
import { VerifyReport } from './verify-types';
import { PathRegexDialect } from '../../simulate/path-regex-dialect';
import { IngressNginxModel, IngressNginxModelOptions } from '../nginx-model/ingress-nginx-model';
import { CompatNotice } from '../notices';

/** The two sides of a migration. */
export interface MigrationSides {
  /** The input manifests as text (`text` or `objects`). */
  readonly text?: string;
  /** The input manifests as objects. */
  readonly objects?: readonly any[];
  /** The Ingress selection and controller settings the translation used. */
  readonly options: IngressNginxModelOptions;
  /** The translation's output objects (every object the app synthesizes). */
  readonly output: readonly any[];
  /** The translation's notices. */
  readonly notices: readonly CompatNotice[];
  /** How the implementation of the output matches RegularExpression paths. */
  readonly pathRegexDialect: PathRegexDialect;
}

/** Compares ingress-nginx's routing of the input with Gateway API's routing of the output. */
export function verifyMigration(sides: MigrationSides): VerifyReport {
  const nginx = sides.text !== undefined
    ? IngressNginxModel.fromYaml(sides.text, sides.options)
    : IngressNginxModel.fromObjects([...sides.objects ?? []], sides.options);
  const gateway = new GatewayByHost(sides.output, { pathRegexDialect: sides.pathRegexDialect });
  const { ingresses, served } = nginx._selection;
  return verifyTranslation({
    ingresses,
    served: ingress => served.has(ingress),
    notices: sides.notices,
    ingressNginx: r => nginx.route(r),
    gatewayApi: r => gateway.route(r),
  });
}

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
import { readCompatManifests } from '../parse/read-manifests';
import { selectIngresses } from '../parse/select';

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
  const read = readCompatManifests({ text: sides.text, objects: sides.objects as any[] | undefined });
  const { ingressClasses, watchIngressWithoutClass } = sides.options;
  const selection = selectIngresses(read.parsed, { ingressClasses, watchWithoutClass: watchIngressWithoutClass });
  const nginx = sides.text !== undefined
    ? IngressNginxModel.fromYaml(sides.text, sides.options)
    : IngressNginxModel.fromObjects([...sides.objects ?? []], sides.options);
  const gateway = new GatewayByHost(sides.output, { pathRegexDialect: sides.pathRegexDialect });
  const rejected = new Set(nginx.notices.filter(n => n.annotation === undefined && n.message.startsWith('not served: ')).map(n => n.ingress));
  return verifyTranslation({
    ingresses: selection.selected,
    served: ingress => !rejected.has(ingress.id),
    notices: sides.notices,
    ingressNginx: r => nginx.route(r),
    gatewayApi: r => gateway.route(r),
  });
}

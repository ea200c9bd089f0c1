import { Construct } from 'constructs';
import { RuleContext, notice } from './context';
import { Backend } from '../../core/backend';
import { safeName } from '../../core/names';
import * as eg from '../../profiles/envoy-gateway';
import { ProfileName } from '../../profiles/verdicts';
import { HttpFilter } from '../../routes/http-filter';
import { IngressModel } from '../model';
import { NoticeStatus } from '../notices';

/** The Envoy Gateway Backends made for mirror URLs, per IngressCompat and URL host. */
const MIRROR_BACKENDS = new WeakMap<Construct, Map<string, Backend>>();

const URL = /^(https?):\/\/([^/:?#$]+)(?::([0-9]{1,5}))?(.*)$/i;
const SERVICE_HOST = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc(\.cluster\.local)?$/;
const WAITS = 'the copy is fire-and-forget, where nginx waits for the mirror\'s answer before answering the client';

/**
 * `mirror-target`: nginx copies every request of the Ingress to the URL
 * (`annotations/mirror/main.go`, `nginx.tmpl` `mirror` and its internal location). Gateway API
 * RequestMirror sends the copy to a Service, so an in-cluster Service URL
 * (`http://<service>.<namespace>.svc[.cluster.local][:port]`) becomes a mirror to that Service;
 * on Envoy Gateway any other host (or `https://`) becomes a mirror to an Envoy Gateway Backend;
 * otherwise the annotation is unsupported. Undefined when nothing is mirrored.
 */
export function mirrorFilter(ctx: RuleContext, owner: IngressModel, target: string | undefined): HttpFilter | undefined {
  if (target === undefined) return undefined;
  const m = URL.exec(target);
  if (m === null || m[2].includes('$')) {
    notice(ctx.log, owner, 'mirror-target', NoticeStatus.UNSUPPORTED, `"${target}" has no fixed host (nginx variables in the host cannot be expressed); RequestMirror needs a fixed backend: write the host out`);
    return undefined;
  }
  const scheme = m[1].toLowerCase();
  const host = m[2].toLowerCase();
  const port = m[3] === undefined ? (scheme === 'https' ? 443 : 80) : Number(m[3]);
  const rest = m[4];
  const path = rest === '$request_uri' ? '' : rest === '' ? '; nginx sends the copy to the mirror\'s internal location path (the URL has no $request_uri), the Gateway the original path'
    : `; the copy keeps the request's path, where nginx sends it to ${rest}`;
  const service = SERVICE_HOST.exec(host);
  if (service !== null && scheme === 'http' && port >= 1 && port <= 65535) {
    const [name, namespace] = [service[1], service[3]];
    const backend = Backend.fromServiceName(name, port, namespace === owner.namespace ? {} : { namespace });
    notice(ctx.log, owner, 'mirror-target', NoticeStatus.APPROXIMATE, `every request of the Ingress is copied to Service ${namespace}/${name} port ${port} (RequestMirror); ${WAITS}${path}`);
    return HttpFilter.requestMirror(backend);
  }
  if (ctx.profile.name !== ProfileName.ENVOY_GATEWAY || port < 1 || port > 65535) {
    notice(ctx.log, owner, 'mirror-target', NoticeStatus.UNSUPPORTED, `"${target}" is not a plain-HTTP in-cluster Service URL (http://<service>.<namespace>.svc[:port]), and RequestMirror sends copies to Services over plain HTTP only; mirror to such a Service, or use the envoy-gateway profile (Backend)`);
    return undefined;
  }
  let backends = MIRROR_BACKENDS.get(ctx.scope);
  if (backends === undefined) {
    backends = new Map();
    MIRROR_BACKENDS.set(ctx.scope, backends);
  }
  const key = `${owner.namespace}\u0000${scheme}://${host}:${port}`;
  let backend = backends.get(key);
  if (backend === undefined) {
    const egBackend = new eg.Backend(ctx.scope, `Mirror-${owner.namespace}-${scheme}-${host}-${port}`, {
      metadata: { name: safeName(`mirror-${host.replace(/\./g, '-')}-${port}`, 253, [scheme, host, String(port)]), namespace: owner.namespace },
      endpoints: [eg.BackendEndpoint.fqdn(host, port)],
      tls: scheme === 'https' ? { insecureSkipVerify: true } : undefined,
    });
    backend = egBackend.toBackend({ port });
    backends.set(key, backend);
  }
  const tls = scheme === 'https' ? ' over TLS without verification (as nginx, which verifies no upstream certificate by default)' : '';
  notice(ctx.log, owner, 'mirror-target', NoticeStatus.APPROXIMATE, `every request of the Ingress is copied to ${host}:${port}${tls} through an Envoy Gateway Backend (RequestMirror; Envoy Gateway serves Backends only with extensionApis.enableBackend: true); ${WAITS}${path}`);
  return HttpFilter.requestMirror(backend);
}

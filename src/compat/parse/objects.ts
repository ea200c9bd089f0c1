/*
 * The other kinds IngressCompat reads: IngressClass (which controller serves a class, which
 * class is the default) and Service (named ports, `appProtocol`).
 */
import { IngressClassModel, ServiceModel } from '../model';
import { isValidPortName } from './backend';
import { objectName } from './ingress';
import { field, isObject, JsonObject, kindOf, ParseNotices, show } from './values';

/** The annotation that marks the default IngressClass (k8s.io/api `networking/v1` `AnnotationIsDefaultIngressClass`). */
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/**
 * Reads an IngressClass (`networking.k8s.io/v1` or `v1beta1`). The class is the default one
 * when its annotation is exactly `"true"`, as the API server's `DefaultIngressClass` admission
 * plugin checks it.
 */
export function readIngressClass(obj: JsonObject, source: string, notices: ParseNotices): IngressClassModel | undefined {
  const { name } = objectName(obj);
  if (name === undefined) {
    notices.invalid(source, `IngressClass at ${source}: metadata.name must be a non-empty string; the IngressClass is skipped`);
    return undefined;
  }
  const spec = field(obj, 'spec');
  const controller = isObject(spec) ? field(spec, 'controller') : undefined;
  if (typeof controller !== 'string' || controller === '') {
    notices.invalid(source, `IngressClass ${name} (${source}): spec.controller ${show(controller)} must be a non-empty string; the IngressClass is skipped`);
    return undefined;
  }
  const metadata = field(obj, 'metadata') as JsonObject;
  const annotations = field(metadata, 'annotations');
  const isDefault = isObject(annotations) && field(annotations, DEFAULT_CLASS_ANNOTATION) === 'true';
  return { name, controller, isDefault };
}

/** Reads a Service (`v1`): its ports; a port that is not usable is left out with a notice. */
export function readService(obj: JsonObject, source: string, notices: ParseNotices): ServiceModel | undefined {
  const { namespace, name } = objectName(obj);
  if (name === undefined) {
    notices.invalid(source, `Service at ${source}: metadata.name must be a non-empty string; the Service is skipped`);
    return undefined;
  }
  const bad = (m: string) => notices.invalid(source, `Service ${namespace}/${name} (${source}): ${m}`);
  const spec = field(obj, 'spec');
  const raw = isObject(spec) ? field(spec, 'ports') : undefined;
  const ports: Array<{ name?: string; port: number; appProtocol?: string }> = [];
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    bad(`spec.ports must be a list, not ${kindOf(raw)} (${show(raw)}); the Service has no ports`);
  } else {
    (raw as unknown[] | undefined ?? []).forEach((p, i) => {
      const at = `spec.ports[${i}]`;
      if (!isObject(p)) return bad(`${at} must be a mapping, not ${kindOf(p)}; the port is skipped`);
      const port = field(p, 'port');
      const portName = field(p, 'name');
      const appProtocol = field(p, 'appProtocol');
      if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
        return bad(`${at}.port ${show(port)} is not a port number (an integer in 1-65535); the port is skipped`);
      }
      if (portName !== undefined && portName !== null && portName !== '' && (typeof portName !== 'string' || !isValidPortName(portName))) {
        return bad(`${at}.name ${show(portName)} is not a port name (IANA_SVC_NAME); the port is skipped`);
      }
      ports.push({
        ...(typeof portName === 'string' && portName !== '' ? { name: portName } : {}),
        port,
        ...(typeof appProtocol === 'string' && appProtocol !== '' ? { appProtocol } : {}),
      });
    });
  }
  return { namespace, name, ports };
}

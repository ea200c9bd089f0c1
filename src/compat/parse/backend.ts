/*
 * Ingress backends, whatever the API version: `networking.k8s.io/v1` `service.{name, port}`
 * and the legacy `serviceName`/`servicePort` of `networking.k8s.io/v1beta1` and
 * `extensions/v1beta1` (converted as k8s.io/kubernetes `pkg/apis/networking/v1beta1`
 * `Convert_v1beta1_IngressBackend_To_networking_IngressBackend` does: an int port is a number,
 * a string port a name), checked as `pkg/apis/networking/validation/validation.go`
 * `validateIngressBackend` checks them.
 */
import { BackendModel } from '../model';
import { field, isObject, JsonObject, kindOf, show } from './values';

/** A backend, or why the API server would refuse it (naming the field and value). */
export interface BackendResult {
  readonly backend?: BackendModel;
  readonly error?: string;
}

/** `IANA_SVC_NAME` (k8s.io/apimachinery `validation.IsValidPortName`). */
export function isValidPortName(name: string): boolean {
  return name.length >= 1 && name.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name)
    && !name.includes('--') && /[a-z]/.test(name);
}

function isPortNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;
}

/**
 * Reads the backend at `at` (`spec.defaultBackend`, `spec.rules[0].http.paths[1].backend`).
 *
 * @param legacy the Ingress is `networking.k8s.io/v1beta1` or `extensions/v1beta1`
 */
export function readBackend(raw: unknown, at: string, legacy: boolean): BackendResult {
  if (raw === undefined || raw === null) return { error: `${at} is missing: a path needs a backend` };
  if (!isObject(raw)) return { error: `${at} must be a mapping, not ${kindOf(raw)} (${show(raw)})` };
  const resource = field(raw, 'resource');
  const hasService = legacy ? field(raw, 'serviceName') !== undefined || field(raw, 'servicePort') !== undefined : field(raw, 'service') !== undefined;
  if (resource !== undefined && resource !== null) {
    if (hasService) return { error: `${at} sets both a service and a resource: set only one` };
    return readResource(resource, `${at}.resource`);
  }
  if (!hasService) {
    const hint = !legacy && (field(raw, 'serviceName') !== undefined || field(raw, 'servicePort') !== undefined)
      ? ': serviceName/servicePort are v1beta1 fields; networking.k8s.io/v1 uses service.name and service.port.{number|name}'
      : legacy ? ': set serviceName and servicePort' : ': set service.name and service.port';
    return { error: `${at} has neither a service nor a resource${hint}` };
  }
  return legacy ? readLegacyService(raw, at) : readService(field(raw, 'service'), `${at}.service`);
}

function readResource(raw: unknown, at: string): BackendResult {
  if (!isObject(raw)) return { error: `${at} must be a mapping, not ${kindOf(raw)} (${show(raw)})` };
  const kind = field(raw, 'kind');
  const name = field(raw, 'name');
  const apiGroup = field(raw, 'apiGroup');
  if (typeof kind !== 'string' || kind === '') return { error: `${at}.kind ${show(kind)} must be a non-empty string` };
  if (typeof name !== 'string' || name === '') return { error: `${at}.name ${show(name)} must be a non-empty string` };
  if (apiGroup !== undefined && apiGroup !== null && typeof apiGroup !== 'string') return { error: `${at}.apiGroup ${show(apiGroup)} must be a string` };
  return { backend: { resource: typeof apiGroup === 'string' && apiGroup !== '' ? { apiGroup, kind, name } : { kind, name } } };
}

function readServiceName(name: unknown, at: string): string | { error: string } {
  if (typeof name !== 'string' || name === '') {
    return { error: `${at} ${name === undefined ? 'is missing' : `${show(name)} is not a Service name`}: a service backend needs the name of a Service` };
  }
  return name;
}

function readService(raw: unknown, at: string): BackendResult {
  if (!isObject(raw)) return { error: `${at} must be a mapping, not ${kindOf(raw)} (${show(raw)})` };
  const name = readServiceName(field(raw, 'name'), `${at}.name`);
  if (typeof name !== 'string') return name;
  const port = field(raw, 'port');
  if (port === undefined || port === null) return { error: `${at}.port is missing: set port.number or port.name` };
  if (!isObject(port)) return { error: `${at}.port must be a mapping with number or name, not ${kindOf(port)} (${show(port)})` };
  const number = field(port as JsonObject, 'number');
  const portName = field(port as JsonObject, 'name');
  const hasNumber = number !== undefined && number !== null && number !== 0;
  const hasName = portName !== undefined && portName !== null && portName !== '';
  if (hasNumber && hasName) return { error: `${at}.port sets both number ${show(number)} and name ${show(portName)}: set only one` };
  if (hasNumber) {
    if (!isPortNumber(number)) return { error: `${at}.port.number ${show(number)} is not a port number (an integer in 1-65535)` };
    return { backend: { service: { name, port: number } } };
  }
  if (hasName) {
    if (typeof portName !== 'string' || !isValidPortName(portName)) {
      return { error: `${at}.port.name ${show(portName)} is not a port name (IANA_SVC_NAME: at most 15 lowercase letters, digits and '-', with at least one letter)` };
    }
    return { backend: { service: { name, portName } } };
  }
  return { error: `${at}.port has neither number nor name: set port.number or port.name` };
}

function readLegacyService(raw: JsonObject, at: string): BackendResult {
  const name = readServiceName(field(raw, 'serviceName'), `${at}.serviceName`);
  if (typeof name !== 'string') return name;
  const port = field(raw, 'servicePort');
  if (isPortNumber(port)) return { backend: { service: { name, port } } };
  if (typeof port === 'string' && isValidPortName(port)) return { backend: { service: { name, portName: port } } };
  if (typeof port === 'string' && /^\d+$/.test(port)) {
    return { error: `${at}.servicePort ${show(port)} is neither a port number nor a port name: a quoted number is a port name in Kubernetes (IntOrString); write ${port} without quotes` };
  }
  return { error: `${at}.servicePort ${show(port)} is neither a port number (1-65535) nor a port name (IANA_SVC_NAME)` };
}

/** Builds HTTPRoute and GRPCRoute filters (on rules and on backends) from their descriptions. */
import { Construct } from 'constructs';
import { backend } from './build-backends';
import { duration } from './build-values';
import { FilterDesc, PathModifierDesc } from './descriptions';
import * as gw from '../../src';

function pathModifier(p: PathModifierDesc): gw.PathModifier {
  return p.type === 'full' ? gw.PathModifier.replaceFullPath(p.value) : gw.PathModifier.replacePrefixMatch(p.value);
}

function mirrorOptions(f: Extract<FilterDesc, { type: 'requestMirror' }>): gw.MirrorOptions {
  return { percent: f.percent, fraction: f.fraction };
}

export function httpFilter(scope: Construct, f: FilterDesc): gw.HttpFilter {
  switch (f.type) {
    case 'requestHeaderModifier': return gw.HttpFilter.requestHeaderModifier({ set: f.set, add: f.add, remove: f.remove });
    case 'responseHeaderModifier': return gw.HttpFilter.responseHeaderModifier({ set: f.set, add: f.add, remove: f.remove });
    case 'requestRedirect': return gw.HttpFilter.requestRedirect({
      scheme: f.scheme, hostname: f.hostname, path: f.path && pathModifier(f.path), port: f.port, statusCode: f.statusCode,
    });
    case 'urlRewrite': return gw.HttpFilter.urlRewrite({ hostname: f.hostname, path: f.path && pathModifier(f.path) });
    case 'requestMirror': return gw.HttpFilter.requestMirror(backend(scope, f.backend, x => httpFilter(scope, x)), mirrorOptions(f));
    case 'cors': return gw.HttpFilter.cors({
      allowOrigins: f.allowOrigins,
      allowMethods: f.allowMethods as gw.HttpMethod[] | undefined,
      allowAllMethods: f.allowAllMethods,
      allowHeaders: f.allowHeaders,
      exposeHeaders: f.exposeHeaders,
      allowCredentials: f.allowCredentials,
      maxAge: f.maxAge && duration(f.maxAge),
    });
    default: return gw.HttpFilter.extensionRef({ group: f.group, kind: f.kind, name: f.name });
  }
}

export function grpcFilter(scope: Construct, f: FilterDesc): gw.GrpcFilter {
  switch (f.type) {
    case 'requestHeaderModifier': return gw.GrpcFilter.requestHeaderModifier({ set: f.set, add: f.add, remove: f.remove });
    case 'responseHeaderModifier': return gw.GrpcFilter.responseHeaderModifier({ set: f.set, add: f.add, remove: f.remove });
    case 'requestMirror': return gw.GrpcFilter.requestMirror(backend(scope, f.backend, x => grpcFilter(scope, x)), mirrorOptions(f));
    case 'extensionRef': return gw.GrpcFilter.extensionRef({ group: f.group, kind: f.kind, name: f.name });
    default: throw new Error(`fuzz generator bug: ${f.type} is not a GRPCRoute filter`);
  }
}

import { App, Chart, Testing } from 'cdk8s';
import {
  Backend, GatewayClass, GrpcMethodMatch, HeaderMatch, HttpFilter, HttpRoute, Listener, PathMatch, QueryParamMatch,
} from '../src';

describe('header modifiers render in a stable order', () => {
  const yamlOf = (set: { [name: string]: string }, add: { [name: string]: string }, remove: string[]) => {
    const app = new App();
    const chart = new Chart(app, 'web', { namespace: 'web' });
    const route = new HttpRoute(chart, 'Route', {
      metadata: { name: 'route' },
      rules: [{
        filters: [HttpFilter.requestHeaderModifier({ set, add, remove }), HttpFilter.responseHeaderModifier({ set })],
        backends: [Backend.fromServiceName('web', 80)],
      }],
    });
    route.applyResponseHeaders(Object.fromEntries(Object.entries({ 'X-Zeta': 'z', 'x-alpha': 'a' })));
    return { yaml: app.synthYaml(), filters: route.apiObject.toJson().spec.rules[0].filters };
  };

  test('set, add and remove are sorted case-insensitively, whatever the key order of the input', () => {
    const one = yamlOf({ 'x-b': '2', 'X-a': '1', 'x-C': '3' }, { Zed: 'z', accept: 'a' }, ['y-2', 'Y-1']);
    const two = yamlOf({ 'x-C': '3', 'x-b': '2', 'X-a': '1' }, { accept: 'a', Zed: 'z' }, ['Y-1', 'y-2']);
    expect(one.yaml).toBe(two.yaml);
    expect(one.filters).toStrictEqual([
      {
        type: 'RequestHeaderModifier',
        requestHeaderModifier: {
          set: [{ name: 'X-a', value: '1' }, { name: 'x-b', value: '2' }, { name: 'x-C', value: '3' }],
          add: [{ name: 'accept', value: 'a' }, { name: 'Zed', value: 'z' }],
          remove: ['Y-1', 'y-2'],
        },
      },
      {
        type: 'ResponseHeaderModifier',
        responseHeaderModifier: {
          set: [
            { name: 'X-a', value: '1' }, { name: 'x-alpha', value: 'a' }, { name: 'x-b', value: '2' },
            { name: 'x-C', value: '3' }, { name: 'X-Zeta', value: 'z' },
          ],
        },
      },
    ]);
  });
});

describe('regular expressions', () => {
  test('patterns that no dialect accepts are rejected by every regex factory', () => {
    expect(() => PathMatch.regex('/a(b')).toThrow(/^PathMatch.regex: pattern "\/a\(b" is not a valid regular expression \(RE2: missing closing \): `\/a\(b`; not valid PCRE\/ECMAScript either\)$/);
    expect(() => HeaderMatch.regex('x-v', '[a')).toThrow(/^HeaderMatch.regex: pattern "\[a" is not a valid regular expression \(RE2: missing closing \]/);
    expect(() => QueryParamMatch.regex('q', 'a{2,1}')).toThrow(/^QueryParamMatch.regex: pattern "a\{2,1\}" is not a valid regular expression \(RE2: invalid repeat count/);
    expect(() => GrpcMethodMatch.regex('svc.(', 'Get')).toThrow(/^GrpcMethodMatch.regex: service: pattern "svc.\(" is not a valid regular expression/);
    expect(() => GrpcMethodMatch.regex(undefined, 'x**')).toThrow(/^GrpcMethodMatch.regex: method: pattern "x\*\*" is not a valid regular expression \(RE2: invalid nested repetition operator/);
  });

  test('patterns valid in RE2 or in PCRE-like dialects are accepted', () => {
    expect(PathMatch.regex('/api/v[0-9]+/.*').value).toBe('/api/v[0-9]+/.*');
    expect(PathMatch.regex('(?i)/shop').value).toBe('(?i)/shop'); // RE2 flag group
    expect(PathMatch.regex('/(?!internal)').value).toBe('/(?!internal)'); // lookahead: PCRE (NGINX) only
    expect(HeaderMatch.regex('x', '\\pL+').value).toBe('\\pL+');
  });
});

describe('lengths are counted in characters, as the API server counts them', () => {
  test('a 64-emoji GatewayClass description is 64 characters (128 UTF-16 units) and passes synth', () => {
    const chart = Testing.chart();
    const description = '🚀'.repeat(64);
    new GatewayClass(chart, 'Class', { controllerName: 'example.com/gateway', description });
    expect(Testing.synth(chart)[0].spec.description).toBe(description);
    expect(() => new GatewayClass(chart, 'Long', { controllerName: 'example.com/gateway', description: '🚀'.repeat(65) }))
      .toThrow(/description/);
  });

  test('a header value of 4096 emoji is accepted; 4097 is not', () => {
    expect(HeaderMatch.exact('x', '😀'.repeat(4096)).value).toHaveLength(8192);
    expect(() => HeaderMatch.exact('x', '😀'.repeat(4097))).toThrow(/4096/);
  });
});

describe('error wording', () => {
  test('a hostname with a port says so; an IP address is called one', () => {
    expect(() => Listener.http({ hostname: 'shop.example.com:443' }))
      .toThrow(/^Listener.http: hostname "shop.example.com:443" has a port; Gateway API hostnames are DNS names without a port \(use "shop.example.com" and set the port on the listener\)$/);
    expect(() => Listener.http({ hostname: '10.0.0.1' })).toThrow(/^Listener.http: hostname "10.0.0.1" is an IP address/);
    expect(() => Listener.http({ hostname: '10.0.0.1:80' })).toThrow(/^Listener.http: hostname "10.0.0.1:80" is an IP address/);
    expect(() => Listener.http({ hostname: 'fe80::1' })).toThrow(/^Listener.http: hostname "fe80::1" is an IP address/);
  });

  test('a fractional weight or port is "not an integer", not "outside" the range', () => {
    expect(() => Backend.fromServiceName('a', 80, { weight: 1.5 })).toThrow(/^Backend: weight 1.5 is not an integer; weights are whole numbers 0-1000000$/);
    expect(() => Backend.fromServiceName('a', 80.5)).toThrow(/^Backend: port 80.5 is not an integer; ports are whole numbers 1-65535$/);
    expect(() => Backend.fromServiceName('a', 80, { weight: 1_000_001 })).toThrow(/^Backend: weight 1000001 is outside 0-1000000$/);
  });
});

import { compareOutcomes, renderBackends } from '../../../src/compat/verify/compare';
import { SimOutcome } from '../../../src/simulate/types';

function outcome(init: Partial<SimOutcome>): SimOutcome {
  return { status: 200, backends: [], requestHeaders: [], responseHeaders: [], mirrors: [], annotations: [], steps: [], notModeled: [], ...init };
}
const web = (weight: number, name = 'web') => ({ kind: 'Service', namespace: 'shop', name, port: '80', weight });

describe('outcome comparison', () => {
  test('equal outcomes have no differences, whatever the steps say', () => {
    const a = outcome({ backends: [web(1)], upstreamPath: '/a', steps: [{ stage: 'server', name: 'x', detail: 'y' }] });
    expect(compareOutcomes(a, outcome({ backends: [web(1)], upstreamPath: '/a' }))).toEqual([]);
  });

  test('weights compare as shares, within half a percentage point, summing repeated backends', () => {
    const nginx = outcome({ backends: [web(0.9), web(0.1, 'canary')] });
    expect(compareOutcomes(nginx, outcome({ backends: [web(0.45), web(0.45), web(0.098, 'canary')] }))).toEqual([]);
    expect(compareOutcomes(nginx, outcome({ backends: [web(0.8), web(0.2, 'canary')] }))).toEqual([{
      field: 'backends',
      ingressNginx: 'Service shop/canary:80 10%, Service shop/web:80 90%',
      gatewayApi: 'Service shop/canary:80 20%, Service shop/web:80 80%',
    }]);
  });

  test('a lost redirect shows in status, location and backends', () => {
    const nginx = outcome({ status: 308, location: 'https://a.example/' });
    const gateway = outcome({ backends: [web(1)], upstreamPath: '/' });
    expect(compareOutcomes(nginx, gateway).map(d => d.field)).toEqual(['status', 'location', 'backends']);
  });

  test('upstream fields count only when both sides forward; headers compare case-insensitively by name', () => {
    const a = outcome({ upstreamPath: '/x', requestHeaders: [{ name: 'X-Forwarded-Prefix', value: '/p' }] });
    const b = outcome({ upstreamPath: '/y', requestHeaders: [{ name: 'x-forwarded-prefix', value: '/p' }] });
    expect(compareOutcomes(a, b)).toEqual([{ field: 'upstreamPath', ingressNginx: '/x', gatewayApi: '/y' }]);
    expect(compareOutcomes(outcome({ status: 404, upstreamPath: '/x' }), outcome({ status: 404 }))).toEqual([]);
  });

  test('backends render sorted with shares; none is -', () => {
    expect(renderBackends([web(0.5, 'b'), web(0.5, 'a')])).toEqual('Service shop/a:80 50%, Service shop/b:80 50%');
    expect(renderBackends([])).toEqual('-');
  });
});

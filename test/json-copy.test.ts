import { HttpFilter, PathModifier } from '../src';
import { copyJson } from '../src/core/json-copy';

describe('copyJson', () => {
  test('gives what a JSON round trip gives, sharing nothing', () => {
    const value = { b: [1, 'two', null, { c: true, d: [] }], a: { e: { f: -0.5 } }, g: '' };
    const copy = copyJson(value);
    expect(copy).toEqual(JSON.parse(JSON.stringify(value)));
    expect(Object.keys(copy)).toEqual(['b', 'a', 'g']);
    expect(copy.b).not.toBe(value.b);
    expect(copy.b[3]).not.toBe(value.b[3]);
    expect(copy.a.e).not.toBe(value.a.e);
  });

  test('a rendered filter is a fresh copy each time', () => {
    const filter = HttpFilter.urlRewrite({ path: PathModifier.replacePrefixMatch('/v2') });
    const first = filter.renderFilter();
    first.urlRewrite.path.replacePrefixMatch = '/changed';
    expect(filter.renderFilter()).toEqual({ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } });
    expect(filter._pathModifierType()).toBe('ReplacePrefixMatch');
  });
});

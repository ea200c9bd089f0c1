import { HttpFilter, PathModifier } from '../src';
import { copyJson, jsonRoundTrip } from '../src/core/json-copy';

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

describe('jsonRoundTrip', () => {
  const roundTrip = (v: unknown) => JSON.parse(JSON.stringify(v));

  test.each([
    ['undefined properties dropped, undefined items null', { a: undefined, b: [1, undefined, 'x'], c: { d: undefined } }],
    ['-0 becomes 0', { z: -0, list: [-0] }],
    ['non-finite numbers become null', { n: NaN, i: [Infinity, -Infinity] }],
    ['toJSON is called', { when: new Date(0), custom: { toJSON: () => 'custom' } }],
    ['class instances keep only their own enumerable fields', { p: new (class { public x = 1; public get y() { return 2; } })() }],
    ['functions and symbols dropped or null', { f: () => 1, s: Symbol('s'), list: [() => 1, Symbol('t')] }],
    ['a __proto__ key stays an own property', JSON.parse('{"__proto__": {"a": 1}, "b": 2}')],
    ['holes become null', { list: [1, , 3] }], // eslint-disable-line no-sparse-arrays
    ['plain JSON', { b: [1, 'two', null, { c: true, d: [] }], a: { e: { f: -0.5 } }, g: '' }],
  ])('gives what JSON.parse(JSON.stringify(v)) gives: %s', (_, value) => {
    const copy = jsonRoundTrip(value);
    expect(copy).toStrictEqual(roundTrip(value));
    expect(Object.is((copy as any).z, -0)).toBe(false);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(roundTrip(value)));
  });

  test('throws what the round trip throws', () => {
    const cyclic: any = { a: 1 };
    cyclic.self = cyclic;
    expect(() => jsonRoundTrip(cyclic)).toThrow(/circular/i);
    expect(() => jsonRoundTrip({ big: BigInt(1) })).toThrow(/BigInt/);
    expect(() => jsonRoundTrip(undefined)).toThrow(SyntaxError);
  });

  test('shares nothing with its input', () => {
    const value = { a: { b: [{ c: 1 }] } };
    const copy = jsonRoundTrip(value);
    expect(copy).toEqual(value);
    expect(copy.a).not.toBe(value.a);
    expect(copy.a.b[0]).not.toBe(value.a.b[0]);
  });
});

import { Size } from 'cdk8s';
import {
  isDns1035Label, isHttpUrl, normalizeString, parseAbsoluteUrl, parseCidrList, parseGoBool, parseGoInt,
  parseNamespacedName, parseNginxSize, splitList, splitMetaNamespaceKey,
} from '../../src/compat/annotations/values';

describe('Go-like value parsers', () => {
  test('strconv.ParseBool accepts exactly its twelve spellings', () => {
    expect(['1', 't', 'T', 'TRUE', 'true', 'True'].map(parseGoBool)).toStrictEqual([true, true, true, true, true, true]);
    expect(['0', 'f', 'F', 'FALSE', 'false', 'False'].map(parseGoBool)).toStrictEqual([false, false, false, false, false, false]);
    expect(['yes', 'on', 'tRUE', ' true', ''].map(parseGoBool)).toStrictEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  test('strconv.Atoi: sign and digits only, safe integers', () => {
    expect(['42', '+7', '-3', '007'].map(parseGoInt)).toStrictEqual([42, 7, -3, 7]);
    expect(['4.5', ' 4', '1e3', '', '99999999999999999999', '1_000'].map(parseGoInt)).toStrictEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  test('string normalisation trims every line; empty is undefined', () => {
    expect(normalizeString('  a \n  b  ')).toBe('a\nb');
    expect(normalizeString('   ')).toBeUndefined();
  });

  test('nginx sizes: digits and an optional b, k, m or g in any case', () => {
    expect(parseNginxSize('8m')).toStrictEqual(Size.mebibytes(8));
    expect(parseNginxSize('512K')).toStrictEqual(Size.kibibytes(512));
    expect(parseNginxSize('2g')).toStrictEqual(Size.gibibytes(2));
    expect(parseNginxSize('2048')).toStrictEqual(Size.kibibytes(2));
    expect(parseNginxSize('100b')).toStrictEqual(Size.kibibytes(100 / 1024));
    expect(parseNginxSize('0')).toStrictEqual(Size.kibibytes(0));
    expect(['1.5m', '10mb', 'm', '-1m', '1 m'].map(parseNginxSize)).toStrictEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  test('comma lists are trimmed, empty entries dropped', () => {
    expect(splitList(' a, b ,,c ,')).toStrictEqual(['a', 'b', 'c']);
  });

  test('CIDR lists as net.ParseCIDRs reads them: addresses become /32 or /128, an empty entry is invalid', () => {
    expect(parseCidrList('10.0.0.0/8, 192.168.1.1 ,2001:db8::/32,::1')).toStrictEqual({ cidrs: ['10.0.0.0/8', '192.168.1.1/32', '2001:db8::/32', '::1/128'] });
    expect(parseCidrList('10.0.0.0/8,')).toStrictEqual({ bad: '' });
    expect(parseCidrList('10.0.0.0/33')).toStrictEqual({ bad: '10.0.0.0/33' });
    expect(parseCidrList('example.com')).toStrictEqual({ bad: 'example.com' });
  });

  test('URLs with scheme and host (parser.StringToURL)', () => {
    expect(parseAbsoluteUrl('http://auth.shop.svc.cluster.local:8080/check?x=1')).toStrictEqual({
      scheme: 'http', hostname: 'auth.shop.svc.cluster.local', port: 8080, path: '/check', query: 'x=1',
    });
    expect(parseAbsoluteUrl('HTTPS://Auth.Example.com')).toStrictEqual({ scheme: 'https', hostname: 'auth.example.com', port: undefined, path: '/', query: undefined });
    expect(['/check', 'http://', 'http://a..b/', 'http://h:99999/', 'auth.example.com/x'].map(parseAbsoluteUrl)).toStrictEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  test('redirect URLs need a scheme starting with http', () => {
    expect(['https://x.example.com/a', 'http:x', 'HTTP://x'].map(isHttpUrl)).toStrictEqual([true, true, false]);
    expect(['ftp://x', 'x.example.com/a', '/a'].map(isHttpUrl)).toStrictEqual([false, false, false]);
  });

  test('Secret references', () => {
    expect(parseNamespacedName('shop/ca')).toStrictEqual({ namespace: 'shop', name: 'ca' });
    expect(['ca', 'a/b/c', '/ca', 'shop/'].map(parseNamespacedName)).toStrictEqual([undefined, undefined, undefined, undefined]);
    expect(splitMetaNamespaceKey('ca')).toStrictEqual({ name: 'ca' });
    expect(splitMetaNamespaceKey('other/ca')).toStrictEqual({ namespace: 'other', name: 'ca' });
    expect(['a/b/c', 'shop/', ''].map(splitMetaNamespaceKey)).toStrictEqual([undefined, undefined, undefined]);
  });

  test('Service names are DNS-1035 labels', () => {
    expect(['errors', 'a-1'].map(isDns1035Label)).toStrictEqual([true, true]);
    expect(['1errors', 'Errors', 'a.b', 'a-', 'x'.repeat(64)].map(isDns1035Label)).toStrictEqual([false, false, false, false, false]);
  });
});

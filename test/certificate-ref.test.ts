import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { CertificateRef } from '../src';

describe('CertificateRef', () => {
  test('fromSecretName renders a core Secret reference', () => {
    const ref = CertificateRef.fromSecretName('wildcard-tls');
    expect(ref._toKube()).toStrictEqual({ group: '', kind: 'Secret', name: 'wildcard-tls', namespace: undefined });
    expect(ref.namespace).toBeUndefined();
    expect(ref._describe()).toBe('Secret "wildcard-tls"');
  });

  test('a namespace is rendered only when it differs from the referrer namespace', () => {
    const ref = CertificateRef.fromSecretName('wildcard-tls', { namespace: 'certs' });
    expect(ref._toKube('infra')).toStrictEqual({ group: '', kind: 'Secret', name: 'wildcard-tls', namespace: 'certs' });
    expect(ref._toKube('certs')).toStrictEqual({ group: '', kind: 'Secret', name: 'wildcard-tls', namespace: undefined });
    expect(ref._describe()).toBe('Secret "certs/wildcard-tls"');
  });

  test('fromSecret takes the name and namespace of a cdk8s-plus Secret', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'certs' });
    const secret = new kplus.Secret(chart, 'Tls', { metadata: { name: 'site-tls' } });
    const ref = CertificateRef.fromSecret(secret);
    expect([ref.group, ref.kind, ref.name, ref.namespace]).toStrictEqual(['', 'Secret', 'site-tls', 'certs']);
  });

  test('fromSecret of an imported Secret has no namespace', () => {
    const chart = Testing.chart();
    const ref = CertificateRef.fromSecret(kplus.Secret.fromSecretName(chart, 'Imported', 'site-tls'));
    expect(ref._toKube()).toStrictEqual({ group: '', kind: 'Secret', name: 'site-tls', namespace: undefined });
  });

  test('fromConfigMapName and fromConfigMap reference CA bundles', () => {
    expect(CertificateRef.fromConfigMapName('client-ca', { namespace: 'pki' })._toKube())
      .toStrictEqual({ group: '', kind: 'ConfigMap', name: 'client-ca', namespace: 'pki' });
    const chart = new Chart(Testing.app(), 'c', { namespace: 'pki' });
    const cm = new kplus.ConfigMap(chart, 'Ca', { metadata: { name: 'ca-bundle' } });
    expect(CertificateRef.fromConfigMap(cm)._toKube())
      .toStrictEqual({ group: '', kind: 'ConfigMap', name: 'ca-bundle', namespace: 'pki' });
    expect(CertificateRef.fromConfigMap(kplus.ConfigMap.fromConfigMapName(chart, 'Imp', 'other'))._toKube())
      .toStrictEqual({ group: '', kind: 'ConfigMap', name: 'other', namespace: undefined });
  });

  test('fromRef defaults the group to core and names non-core kinds with their group', () => {
    expect(CertificateRef.fromRef({ kind: 'Secret', name: 'a' })._toKube())
      .toStrictEqual({ group: '', kind: 'Secret', name: 'a', namespace: undefined });
    const ref = CertificateRef.fromRef({ group: 'cert-manager.io', kind: 'Certificate', name: 'site', namespace: 'certs' });
    expect(ref._toKube()).toStrictEqual({ group: 'cert-manager.io', kind: 'Certificate', name: 'site', namespace: 'certs' });
    expect(ref._describe()).toBe('Certificate.cert-manager.io "certs/site"');
  });

  test('bad input is rejected with the factory name and the value', () => {
    expect(() => CertificateRef.fromSecretName('Bad_Name')).toThrow(/^CertificateRef.fromSecretName: name "Bad_Name" must be a lowercase RFC 1123 subdomain/);
    expect(() => CertificateRef.fromSecretName('ok', { namespace: 'Bad.NS' })).toThrow(/CertificateRef.fromSecretName: namespace "Bad.NS" must be a lowercase RFC 1123 label/);
    expect(() => CertificateRef.fromConfigMapName('')).toThrow(/CertificateRef.fromConfigMapName: name "" must be/);
    expect(() => CertificateRef.fromRef({ kind: '9x', name: 'a' })).toThrow(/CertificateRef.fromRef: kind "9x" must be 1-63 letters/);
    expect(() => CertificateRef.fromRef({ group: 'Bad_Group', kind: 'Secret', name: 'a' })).toThrow(/CertificateRef.fromRef: group "Bad_Group"/);
  });
});

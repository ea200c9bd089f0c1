import { Chart, Testing } from 'cdk8s';
import { COVERAGE_INGRESSES, PREFIX, coverageObjects, firstIngressOfKey } from './all-annotations-input';
import { CompatNotice, ImplementationProfile, IngressCompat, NoticeStatus } from '../../src';
import { annotationKeys, tableVerdict } from '../../src/compat/annotations/table';
import { ProfileName } from '../../src/profiles/verdicts';

const PROFILES = [ProfileName.STANDARD, ProfileName.ENVOY_GATEWAY, ProfileName.NGINX_GATEWAY_FABRIC];

/** IngressCompat (with synth and its validation) over the whole input on one profile; its notices. */
function migrate(profile: ProfileName): CompatNotice[] {
  const app = Testing.app();
  const chart = new Chart(app, 'migrated');
  const compat = IngressCompat.fromManifests(chart, 'Compat', { objects: coverageObjects(), profile: ImplementationProfile.of(profile), printNotices: false });
  Testing.synth(chart);
  return compat.notices;
}

const NOTICES = new Map(PROFILES.map(p => [p, migrate(p)]));
const FIRST = firstIngressOfKey();

/** The runtime status of every key (without prefix) on its first Ingress. */
function runtimeStatuses(profile: ProfileName): Map<string, NoticeStatus> {
  const notices = NOTICES.get(profile)!;
  return new Map([...FIRST].map(([key, ingress]) => [key, notices.find(n => n.ingress === ingress && n.annotation === `${PREFIX}${key}`)!.status]));
}

/**
 * Keys whose notice on the all-annotations input differs from the table's verdict for their
 * value (`tableVerdict`), each with the reason. An entry that stops differing fails the test,
 * so that it is removed.
 */
const EXCEPTIONS: ReadonlyArray<[key: string, profile: ProfileName, table: NoticeStatus, runtime: NoticeStatus, reason: string]> = [
  // Value-dependent: the input's alias is not in the host's spec.tls entry, so it is served on plain
  // HTTP only (as ingress-nginx does); the table's `translated` is for aliases the certificate lists.
  ['server-alias', ProfileName.STANDARD, NoticeStatus.TRANSLATED, NoticeStatus.APPROXIMATE, 'value: alias without certificate'],
  ['server-alias', ProfileName.ENVOY_GATEWAY, NoticeStatus.TRANSLATED, NoticeStatus.APPROXIMATE, 'value: alias without certificate'],
  ['server-alias', ProfileName.NGINX_GATEWAY_FABRIC, NoticeStatus.TRANSLATED, NoticeStatus.APPROXIMATE, 'value: alias without certificate'],
  // Value-dependent: `on` cannot be expressed on Envoy Gateway (Envoy streams responses), `off` is what
  // Envoy does; the table gives the behaviour's verdict (exact, for ingress-nginx's default `off`).
  ['proxy-buffering', ProfileName.ENVOY_GATEWAY, NoticeStatus.TRANSLATED, NoticeStatus.UNSUPPORTED, 'value: on'],
  // Value-dependent: `$remote_addr` is hashed exactly (consistentHash SourceIP); the table's
  // `approximate` sums up that other variables (`$request_uri`, …) are unsupported.
  ['upstream-hash-by', ProfileName.ENVOY_GATEWAY, NoticeStatus.APPROXIMATE, NoticeStatus.TRANSLATED, 'value: $remote_addr'],
  // Value-dependent: `on` with proxy-ssl-name and verification is exactly the BackendTLSPolicy's SNI;
  // the table's `approximate` sums up that `off` (no SNI) and `on` without a name cannot be.
  ['proxy-ssl-server-name', ProfileName.STANDARD, NoticeStatus.APPROXIMATE, NoticeStatus.TRANSLATED, 'value: on with proxy-ssl-name'],
  ['proxy-ssl-server-name', ProfileName.ENVOY_GATEWAY, NoticeStatus.APPROXIMATE, NoticeStatus.TRANSLATED, 'value: on with proxy-ssl-name'],
  ['proxy-ssl-server-name', ProfileName.NGINX_GATEWAY_FABRIC, NoticeStatus.APPROXIMATE, NoticeStatus.TRANSLATED, 'value: on with proxy-ssl-name'],
];

describe('an input with every annotation (issue 10 coverage)', () => {
  test('uses every key of the annotation table, and only those', () => {
    expect([...FIRST.keys()].sort()).toStrictEqual(annotationKeys());
    expect(FIRST.size).toBe(138);
  });

  test.each(PROFILES)('on %s, every key of every Ingress ends in exactly one notice', profile => {
    const expected = coverageObjects().flatMap(o => Object.keys(o.metadata.annotations).map(k => `all/${o.metadata.name} ${k}`)).sort();
    const got = NOTICES.get(profile)!.filter(n => n.annotation !== undefined).map(n => `${n.ingress} ${n.annotation}`).sort();
    expect(got).toStrictEqual(expected);
    expect(got.length).toBe(141); // 138 keys, canary and canary-by-header on both canaries, backend-protocol with and without proxy-ssl-*
  });

  test('on Envoy Gateway at least 80 keys are translated or approximate', () => {
    const statuses = [...runtimeStatuses(ProfileName.ENVOY_GATEWAY).values()];
    const covered = statuses.filter(s => s === NoticeStatus.TRANSLATED || s === NoticeStatus.APPROXIMATE);
    expect(covered.length).toBeGreaterThanOrEqual(80);
  });

  test('the Ingress with snippets is ignored as a whole, every key unsupported', () => {
    for (const profile of PROFILES) {
      const notices = NOTICES.get(profile)!.filter(n => n.ingress === 'all/snippets');
      expect(notices.map(n => [n.annotation ?? '-', n.status])).toStrictEqual([
        ['-', NoticeStatus.UNSUPPORTED],
        ...['auth-snippet', 'configuration-snippet', 'modsecurity-snippet', 'server-snippet', 'stream-snippet'].map(k => [`${PREFIX}${k}`, NoticeStatus.UNSUPPORTED]),
      ]);
      expect(notices[0].message).toMatch(/^not translated: ingress-nginx ignores this whole Ingress: .* are snippets while the controller's allow-snippet-annotations is false/);
    }
  });

  test('the table\'s verdict equals the notice of every key, documented exceptions aside', () => {
    const differences: Array<[string, ProfileName, NoticeStatus, NoticeStatus]> = [];
    const values = new Map(COVERAGE_INGRESSES.flatMap(i => Object.entries(i.annotations)).reverse());
    for (const profile of PROFILES) {
      for (const [key, runtime] of runtimeStatuses(profile)) {
        const table = tableVerdict(key, values.get(key)!, profile)!.status;
        if (table !== runtime) differences.push([key, profile, table, runtime]);
      }
    }
    type Row = [string, ProfileName, NoticeStatus, NoticeStatus];
    const order = (a: Row, b: Row) => `${a[0]} ${a[1]}`.localeCompare(`${b[0]} ${b[1]}`);
    const expected = EXCEPTIONS.map(([key, profile, table, runtime]): Row => [key, profile, table, runtime]);
    expect(differences.sort(order)).toStrictEqual(expected.sort(order));
  });
});

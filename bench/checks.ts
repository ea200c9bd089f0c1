/**
 * Validation-check benchmark: the timings that used to be assertions inside jest (where a busy
 * machine made them flaky and they slowed every run), each beside a floor and a budget.
 *
 *   node --expose-gc -r ts-node/register/transpile-only bench/checks.ts
 *
 * - `validateObjects`: N HTTPRoutes with 3 rules each (schema + CEL, no cross-object checks
 *   needed: one namespace, no parents declared), N = 5,000; budget 30 s.
 * - `checkCrossObject`: N HTTPRoutes on 50 Gateways plus a ReferenceGrant, N = 2,000 and 20,000
 *   (the growth between them shows the cost is linear); budget 5 s for 20,000.
 * - the upstream example corpus (valid examples of v1.6.1 and v1.5.1, standard and experimental
 *   channels, four `validateObjects` calls), read from ../shared (or $GATEWAY_API_SHARED_DIR);
 *   budget 10 s for parsing and validating all of it.
 *
 * Floor: for the object checks, `structuredClone` of the same objects (one visit of every value,
 * the least any check of the whole input does); for the corpus, parsing its YAML (no validator
 * can skip that). The first run of each case is the cold one (CRD data decoded, CEL rules
 * compiled, as in a fresh process); then both sides run alternately, RUNS times, and the medians
 * are compared. A case over its budget (cold run or median) sets a non-zero exit code. The jest
 * tests keep the behaviour (no findings) with smaller inputs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { ReleaseChannel } from '../src/core/channel';
import { GatewayApiVersion, ManifestValidator } from '../src/validation';
import { checkCrossObject } from '../src/validation/cross-object';
import { crossObjectSet, httpRoutes } from '../test/support/scale-fixtures';

const RUNS = 5;
const ROOT = path.resolve(__dirname, '..');
const SHARED = path.join(path.resolve(ROOT, process.env.GATEWAY_API_SHARED_DIR || path.join('..', 'shared')), 'gateway-api');

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function gc(): void {
  (global as any).gc?.();
}

/** Runs `fn` once, failing the benchmark if it returns findings. */
function timed(label: string, fn: () => unknown[]): number {
  const start = process.hrtime.bigint();
  const findings = fn();
  const took = ms(start);
  if (findings.length > 0) throw new Error(`${label}: the input must be valid, got ${findings.length} findings, first: ${JSON.stringify(findings[0])}`);
  return took;
}

interface Case {
  readonly name: string;
  readonly objects: number;
  readonly floorName: string;
  readonly floor: () => void;
  readonly check: () => unknown[];
  /** Budget in ms for the cold run and for the median, or undefined for none. */
  readonly budget?: number;
}

interface Result {
  readonly name: string;
  readonly objects: number;
  readonly floorName: string;
  readonly cold: number;
  readonly floor: number;
  readonly check: number;
  readonly budget?: number;
}

function run(c: Case): Result {
  gc();
  const cold = timed(c.name, c.check);
  const floors: number[] = [];
  const checks: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    gc();
    const start = process.hrtime.bigint();
    c.floor();
    floors.push(ms(start));
    gc();
    checks.push(timed(c.name, c.check));
  }
  return { name: c.name, objects: c.objects, floorName: c.floorName, cold, floor: median(floors), check: median(checks), budget: c.budget };
}

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : []))
    .sort();
}

interface CorpusSet {
  readonly version: GatewayApiVersion;
  readonly channel: ReleaseChannel;
  readonly texts: string[];
}

/** The valid examples of each release and channel (the experimental channel gets the standard ones too). */
function corpusSets(): CorpusSet[] {
  const sets: CorpusSet[] = [];
  for (const version of [GatewayApiVersion.V1_6_1, GatewayApiVersion.V1_5_1]) {
    for (const channel of [ReleaseChannel.STANDARD, ReleaseChannel.EXPERIMENTAL]) {
      const folders = channel === ReleaseChannel.STANDARD ? ['standard'] : ['standard', 'experimental'];
      const texts = folders.flatMap(f => yamlFiles(path.join(SHARED, version, 'examples', 'valid', f))).map(f => fs.readFileSync(f, 'utf8'));
      sets.push({ version, channel, texts });
    }
  }
  return sets;
}

function parseCorpus(sets: CorpusSet[]): any[][] {
  return sets.map(s => s.texts.flatMap(t => YAML.parseAllDocuments(t).map(d => d.toJS())).filter(o => o && o.kind !== 'Namespace'));
}

function cases(): Case[] {
  const list: Case[] = [];
  const bulk = httpRoutes(5000);
  list.push({
    name: 'validateObjects, 5,000 HTTPRoutes',
    objects: bulk.length,
    floorName: 'structuredClone',
    floor: () => structuredClone(bulk),
    check: () => ManifestValidator.validateObjects(bulk),
    budget: 30_000,
  });
  for (const n of [2_000, 20_000]) {
    const set = crossObjectSet(n);
    const refs = set.map(obj => ({ obj }));
    list.push({
      name: `checkCrossObject, ${n.toLocaleString('en-US')} HTTPRoutes on 50 Gateways`,
      objects: set.length,
      floorName: 'structuredClone',
      floor: () => structuredClone(set),
      check: () => checkCrossObject(refs),
      budget: n === 20_000 ? 5_000 : undefined,
    });
  }
  if (fs.existsSync(SHARED)) {
    const sets = corpusSets();
    const objects = parseCorpus(sets);
    list.push({
      name: 'upstream valid corpus, parse + validateObjects (4 calls)',
      objects: objects.reduce((n, o) => n + o.length, 0),
      floorName: 'YAML parse',
      floor: () => parseCorpus(sets),
      check: () => parseCorpus(sets).flatMap((objs, k) =>
        ManifestValidator.validateObjects(objs, { gatewayApiVersion: sets[k].version, channel: sets[k].channel, crossObject: false })),
      budget: 10_000,
    });
  } else {
    console.log(`upstream corpus: skipped, ${SHARED} is missing (set GATEWAY_API_SHARED_DIR)`);
  }
  return list;
}

function main(): void {
  const results = cases().map(run);
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}; median of ${RUNS} alternating runs after a cold one`);
  console.log('case\tobjects\tfloor\tfloor ms\tcheck ms\tratio\tµs/object\tcold ms\tbudget ms\tverdict');
  let over = false;
  for (const r of results) {
    const ok = r.budget === undefined || (r.cold <= r.budget && r.check <= r.budget);
    over ||= !ok;
    console.log([r.name, r.objects, r.floorName, r.floor.toFixed(0), r.check.toFixed(0), (r.check / r.floor).toFixed(1),
      (r.check * 1000 / r.objects).toFixed(1), r.cold.toFixed(0), r.budget ?? '-', r.budget === undefined ? '-' : ok ? 'within budget' : 'OVER BUDGET'].join('\t'));
  }
  const cross = results.filter(r => r.name.startsWith('checkCrossObject'));
  if (cross.length === 2) {
    const [small, big] = cross;
    console.log(`checkCrossObject growth ×${(big.objects / small.objects).toFixed(1)} objects: time ×${(big.check / small.check).toFixed(1)} (linear: about the same factor)`);
  }
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  if (over) process.exitCode = 1;
}

main();

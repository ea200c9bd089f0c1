/**
 * Makes the compiled entry point (lib/index.js) load each module on first use, as aws-cdk-lib
 * does for its own: `require('cdk8s-gateway-api')` then costs only the index, and an app pays
 * for the modules it uses (an HTTPRoute app does not load IngressCompat, the implementation
 * profiles or the Envoy Gateway and NGINX Gateway Fabric L1 bindings: about 200 ms and 20 MiB
 * of a cold `cdk8s synth`).
 *
 *   ts-node --transpile-only scripts/lazy-index.ts [lib/index.js]
 *
 * TypeScript compiles `export * from './x'` to `__exportStar(require("./x"), exports)` and
 * `export * as ns from './x'` to `exports.ns = __importStar(require("./x"))`. Each becomes a set
 * of getters that require the module when one of its names is first read (the names of an
 * `export *` are read from the compiled module now, and the first module exporting a name keeps
 * it, as `__exportStar` does). A file with any other statement, or one already rewritten, is
 * left as it is. jsii's runtime looks classes up by name on the module, so it is unaffected.
 */
import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const STAR = /^__exportStar\(require\("(\.[^"]+)"\), exports\);$/;
const NAMESPACE = /^exports\.([A-Za-z_$][\w$]*) = __importStar\(require\("(\.[^"]+)"\)\);$/;
const MARK = '// Modules load on first use (scripts/lazy-index.ts).';

/** The modules whose names `export *` re-exports, in order. */
export function starModules(js: string): string[] {
  return js.split('\n').map(l => STAR.exec(l)?.[1]).filter((m): m is string => m !== undefined);
}

/** The rewritten index, or undefined when the file has a statement this script does not know. */
export function lazyIndex(js: string, exportedNames: (module: string) => string[]): string | undefined {
  if (js.includes(MARK)) return undefined;
  const lines = js.split('\n');
  const first = lines.findIndex(l => STAR.test(l) || NAMESPACE.test(l));
  if (first < 0) return undefined;
  const taken = new Set<string>();
  const out = lines.slice(0, first);
  out.push(MARK, 'function __lazy(names, load) {',
    '    let m;',
    // the first read replaces the getter with the value: later reads (an app's loop) are plain
    '    for (const n of names) Object.defineProperty(exports, n, { enumerable: true, configurable: true, get: () => {',
    '        const value = (m ??= load())[n];',
    '        Object.defineProperty(exports, n, { enumerable: true, configurable: true, value });',
    '        return value;',
    '    } });',
    '}',
    'function __lazyNamespace(name, load) {',
    '    let m;',
    '    Object.defineProperty(exports, name, { enumerable: true, configurable: true, get: () => m ??= load() });',
    '}');
  for (const line of lines.slice(first)) {
    const star = STAR.exec(line);
    const ns = NAMESPACE.exec(line);
    if (star) {
      const names = exportedNames(star[1]).filter(n => n !== 'default' && !taken.has(n));
      names.forEach(n => taken.add(n));
      out.push(`__lazy(${JSON.stringify(names)}, () => require(${JSON.stringify(star[1])}));`);
    } else if (ns) {
      taken.add(ns[1]);
      out.push(`__lazyNamespace(${JSON.stringify(ns[1])}, () => __importStar(require(${JSON.stringify(ns[2])})));`);
    } else if (line.startsWith('//# sourceMappingURL=')) {
      // the source map is of the eager index: dropped with it (main() deletes the file)
    } else if (line.trim() === '' || line.startsWith('//')) {
      out.push(line);
    } else {
      return undefined;
    }
  }
  return out.join('\n');
}

function main(): void {
  const file = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'lib', 'index.js'));
  const js = fs.readFileSync(file, 'utf8');
  const dir = path.dirname(file);
  const modules = starModules(js);
  const names: string[][] = JSON.parse(childProcess.execFileSync(process.execPath,
    ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1).map(m => Object.keys(require(m)))))', ...modules.map(m => path.resolve(dir, m))],
    { encoding: 'utf8' }));
  const lazy = lazyIndex(js, m => names[modules.indexOf(m)]);
  if (lazy === undefined) {
    console.error(`lazy-index: ${path.relative(process.cwd(), file)} left as it is (already rewritten, or a statement this script does not know)`);
    return;
  }
  fs.writeFileSync(file, lazy);
  fs.rmSync(`${file}.map`, { force: true });
  // The rewritten index must export exactly what the original did.
  const keys = (f: string) => JSON.parse(childProcess.execFileSync(process.execPath,
    ['-e', 'process.stdout.write(JSON.stringify(Object.keys(require(process.argv[1])).sort()))', f], { encoding: 'utf8' }));
  const tmp = path.join(dir, '.index.eager.js');
  fs.writeFileSync(tmp, js);
  try {
    const before = keys(tmp);
    const after = keys(file);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      fs.writeFileSync(file, js);
      console.error(`lazy-index: the rewritten index exported ${after.length} names, the original ${before.length}; left as it was`);
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

if (require.main === module) main();

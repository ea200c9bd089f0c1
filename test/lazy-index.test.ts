import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lazyIndex, starModules } from '../scripts/lazy-index';

/** An index as TypeScript compiles `export * from` and `export * as` (helpers shortened). */
const INDEX = `"use strict";
var __exportStar = function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) exports[p] = m[p];
};
var __importStar = function (mod) { return mod; };
Object.defineProperty(exports, "__esModule", { value: true });
exports.ns = void 0;
// First group.
__exportStar(require("./a"), exports);
__exportStar(require("./b"), exports);

exports.ns = __importStar(require("./c"));
//# sourceMappingURL=data:application/json;base64,e30=
`;

function moduleText(name: string, exports: Record<string, number>): string {
  return `globalThis.__loaded = [...(globalThis.__loaded ?? []), ${JSON.stringify(name)}];\n`
    + Object.entries(exports).map(([k, v]) => `exports.${k} = ${v};`).join('\n');
}

describe('lazy-index', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lazy-index-'));
    fs.writeFileSync(path.join(dir, 'a.js'), moduleText('a', { A: 1, shared: 1 }));
    fs.writeFileSync(path.join(dir, 'b.js'), moduleText('b', { B: 2, shared: 2 }));
    fs.writeFileSync(path.join(dir, 'c.js'), moduleText('c', { C: 3 }));
    (globalThis as any).__loaded = [];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('modules load when one of their names is first read; the first module keeps a shared name', () => {
    expect(starModules(INDEX)).toEqual(['./a', './b']);
    const names: Record<string, string[]> = { './a': ['A', 'shared'], './b': ['B', 'shared'] };
    const lazy = lazyIndex(INDEX, m => names[m])!;
    fs.writeFileSync(path.join(dir, 'index.js'), lazy);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const index = require(path.join(dir, 'index.js'));
    expect((globalThis as any).__loaded).toEqual([]);
    expect(Object.keys(index).sort()).toEqual(['A', 'B', 'ns', 'shared']);
    expect((globalThis as any).__loaded).toEqual([]);
    expect(index.B).toBe(2);
    expect((globalThis as any).__loaded).toEqual(['b']);
    expect(index.shared).toBe(1);
    expect(index.A).toBe(1);
    expect(index.ns.C).toBe(3);
    expect((globalThis as any).__loaded).toEqual(['b', 'a', 'c']);
    // once read, a name is a plain (read-only) value
    expect(Object.getOwnPropertyDescriptor(index, 'B')).toEqual({ value: 2, writable: false, enumerable: true, configurable: true });
  });

  test('an index with another statement, or already rewritten, is left as it is', () => {
    expect(lazyIndex(INDEX.replace('\n\nexports.ns', '\nconsole.log(1);\nexports.ns'), () => [])).toBeUndefined();
    expect(lazyIndex(lazyIndex(INDEX, () => [])!, () => [])).toBeUndefined();
    expect(lazyIndex('"use strict";\nexports.x = 1;\n', () => [])).toBeUndefined();
  });
});

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { runCli } from '../support/run-cli';

/*
 * `cdk8s-gateway-api --version` prints the version of package.json (set in .projenrc.ts, not
 * projen's placeholder 0.0.0): in-process, through the bin shim in a clone (TypeScript
 * sources), and through the bin shim in the npm package's layout (compiled lib/, no src/).
 * CHANGELOG.md has a section for that version.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const BIN = path.join(ROOT, 'bin', 'cdk8s-gateway-api');

function runNode(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('package.json carries a release version, not the 0.0.0 placeholder', () => {
  expect(VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  expect(VERSION).not.toBe('0.0.0');
});

test('--version prints the package.json version (in-process)', () => {
  expect(runCli(['--version'], { cwd: ROOT })).toEqual({ code: 0, out: `${VERSION}\n`, err: '' });
});

test('from a clone, the bin shim runs the sources and prints the version, whatever the cwd', () => {
  expect(fs.existsSync(path.join(ROOT, 'src', 'cli', 'main.ts'))).toBe(true);
  expect(runNode([BIN, '--version'], os.tmpdir())).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
}, 120_000);

describe('in the npm package layout (lib/, no src/)', () => {
  test('jsii compiles src/ into lib/ with the same layout', () => {
    const tsconfig = ts.parseConfigFileTextToJson('tsconfig.json', fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.error).toBeUndefined();
    expect(tsconfig.config.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'lib' });
  });

  test('the bin shim runs lib/cli/main.js, which finds the package.json two levels up', () => {
    // A package root as npm installs it: package.json, bin/ and the compiled CLI entry point.
    // The validate command is stubbed; --version does not run it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-gateway-api-version-'));
    try {
      fs.mkdirSync(path.join(dir, 'bin'));
      fs.mkdirSync(path.join(dir, 'lib', 'cli'), { recursive: true });
      fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
      fs.copyFileSync(BIN, path.join(dir, 'bin', 'cdk8s-gateway-api'));
      const source = fs.readFileSync(path.join(ROOT, 'src', 'cli', 'main.ts'), 'utf8');
      const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
      fs.writeFileSync(path.join(dir, 'lib', 'cli', 'main.js'), compiled.outputText);
      fs.writeFileSync(path.join(dir, 'lib', 'cli', 'validate-command.js'),
        "exports.EXIT_VALID = 0; exports.EXIT_INVALID = 1; exports.EXIT_ERROR = 2;\nexports.runValidate = () => { throw new Error('not expected'); };\n");
      expect(runNode([path.join(dir, 'bin', 'cdk8s-gateway-api'), '--version'], os.tmpdir()))
        .toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the compiled lib/cli/main.js of this checkout prints the version (after a build)', () => {
    const compiled = path.join(ROOT, 'lib', 'cli', 'main.js');
    // The build (`npx projen build`, as CI runs it) compiles before testing; a bare clone has no lib/.
    if (!fs.existsSync(compiled)) return;
    expect(runNode(['-e', `require(${JSON.stringify(compiled)}).run(['--version'])`], os.tmpdir()))
      .toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
  }, 120_000);
});

test('CHANGELOG.md starts with Unreleased, then a dated section for this version', () => {
  const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
  const sections = [...changelog.matchAll(/^## \[([^\]]+)\](.*)$/gm)].map(m => [m[1], m[2]]);
  expect(sections[0]).toEqual(['Unreleased', '']);
  expect(sections[1][0]).toBe(VERSION);
  expect(sections[1][1]).toMatch(/^ - \d{4}-\d{2}-\d{2}$/);
});

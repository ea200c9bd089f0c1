import { DependencyType, JsonFile, cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-gateway-api',
  description: 'Typed cdk8s constructs for Kubernetes Gateway API v1.6 (Standard channel), with ingress-nginx parity helpers',
  author: 'Seed cd44d198 maintainers',
  authorAddress: 'maintainers@users.noreply.b-seed-cd44d198.example',
  repositoryUrl: 'https://github.com/maintainers/main.git',
  license: 'Apache-2.0',
  keywords: ['cdk8s', 'kubernetes', 'gateway-api', 'httproute', 'ingress-nginx', 'jsii'],
  defaultReleaseBranch: 'main',
  cdk8sVersion: '2.70.106',
  constructsVersion: '10.8.1',
  jsiiVersion: '~6.0.0',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',
  // bin/cdk8s-gateway-api (found by projen in bin/) runs lib/cli/main.js in the published
  // package, and the TypeScript sources in a clone (so `npx cdk8s-gateway-api validate` works
  // right after `npm ci`, without a build).

  // CI is `.ci/run` (a clean clone with ../shared beside it); no GitHub workflows.
  github: false,
  release: false,
  depsUpgrade: false,

  // No cdk8s-plus peer dependency: the object-taking conveniences (Backend.fromService, …) take
  // interfaces of our own (src/core/kplus-like.ts) that the Service/Secret/ConfigMap of every
  // cdk8s-plus 2.x line (28-33) satisfy, so apps bring whichever line they use. The tests use
  // both the oldest (28) and the one `cdk8s init` scaffolds (33).
  // Runtime dependencies that are not jsii modules must be bundled (validation engine).
  // js-yaml's parser underlies the kubectl-like manifest reader (src/validation/kubectl-yaml.ts),
  // which also keeps the positions for messages; `yaml` is only used by tests and benchmarks.
  bundledDeps: ['@bufbuild/cel@0.6.1', '@bufbuild/protobuf@^2.6.2', 'js-yaml@5.5.0'],
  devDeps: [
    'fast-check@4.10.2',
    // ts-jest loads jest-util as an optional peer; with Jest 29 npm does not hoist it.
    'jest-util@^29',
    'cdk8s-plus-28@2.5.6',
    'cdk8s-plus-33@2.5.57',
    'yaml@2.9.1',
    'cdk8s-cli@2.207.60',
    // The differential run (scripts/differential/): an independent schema validator and CEL.
    'ajv@8.20.0',
    '@marcbachmann/cel-js@8.0.0',
  ],

  // jsii targets (only the JavaScript package is built on this machine).
  publishToPypi: { distName: 'cdk8s-gateway-api', module: 'cdk8s_gateway_api' },
  publishToMaven: {
    javaPackage: 'io.github.cdk8sgatewayapi',
    mavenGroupId: 'io.github.cdk8sgatewayapi',
    mavenArtifactId: 'cdk8s-gateway-api',
  },
  publishToNuget: { dotNetNamespace: 'Cdk8sGatewayApi', packageId: 'Cdk8sGatewayApi' },
  publishToGo: { moduleName: 'github.com/cdk8s-gateway-api/cdk8s-gateway-api-go' },

  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'imports', 'scripts'],
    ignorePatterns: ['src/imports/**', 'examples/*/dist/**', '*.d.ts', '*.js', 'node_modules/'],
    // `eslint` (run by `test`) only checks, so the tests never rewrite sources; `eslint:fix` fixes.
    commandOptions: { fix: false },
  },
  jestOptions: {
    // Jest 30 and eslint-import-resolver-typescript 4 depend on unrs-resolver, whose per-platform
    // optional packages this registry does not serve; the lockfile then lacks them and `npm ci`
    // refuses it. Jest 29 and the resolver's 3.8 line use pure-JS resolution instead.
    jestVersion: '^29',
    // CI must fail on a stale snapshot instead of rewriting it.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // Coverage costs about two thirds of a run: `test` (so `npm test` and `build`) collects none
    // and prints no table; `test:coverage` (CI's Node 22 run) writes coverage/ and a summary.
    coverageText: false,
    jestConfig: {
      collectCoverage: false,
      coverageReporters: ['json', 'lcov', 'clover', 'cobertura', 'text-summary'],
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/'],
      testPathIgnorePatterns: ['/node_modules/', '/examples/.*/dist/'],
      // Jest's default (cores - 1) runs the tests in its main process on a 2-core machine; one
      // worker per core is about 1.5 times faster there.
      maxWorkers: '100%',
      // Tests that need the shared data (test/support/shared-data.ts) skip locally without it,
      // fail in CI; these hooks print one line for the whole run about what was skipped.
      globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
    },
  },
  gitignore: ['/bench/results/', '*.tgz', '.jsii.tabl.json'],
  // Source maps beside the JavaScript (lib/**/*.js.map, sources included), not inlined: node
  // reads every module it loads whole, and the inlined maps more than doubled the bytes a cold
  // `cdk8s synth` or `validate` reads (about 15 ms of CPU at start-up). Debuggers and
  // `node --enable-source-maps` read the .map files.
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: true, sourceMap: true } },
});

// Keep the npm package to the library itself. docs/ ships with it: API.md links to the L1
// reference pages in docs/api/, and the helpers' TSDoc cites docs/ingress-nginx.md; both must
// resolve in node_modules/cdk8s-gateway-api as well as in the repository, for the installed
// version (links to the repository would show whatever its main branch says).
for (const dir of ['/examples/', '/bench/', '/imports/', '/scripts/', '/.ci/']) {
  project.addPackageIgnore(dir);
}

// The version line. projen's convention is "0.0.0" in package.json, stamped from git tags by the
// `bump` task of its release workflow (`release: true`). This project has no release workflow
// (`release: false`, CI is .ci/run), so the version is declared here and written to
// package.json; `cdk8s-gateway-api --version` prints it. Raise it together with a new section
// of CHANGELOG.md (test/cli/version.test.ts checks that the two agree).
project.package.addVersion('0.1.0');

// eslint-import-resolver-typescript 4 depends on unrs-resolver (see jestVersion above): use 3.8.
project.deps.removeDependency('eslint-import-resolver-typescript');
project.deps.addDependency('eslint-import-resolver-typescript@~3.8.0', DependencyType.BUILD);

// eslint's project service (and editors) for the TypeScript outside src/ and test/: each folder
// gets a tsconfig.json extending the root one (the typecheck task below checks them all at once).
for (const dir of ['examples', 'bench', 'imports', 'scripts']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '..', isolatedModules: true },
      include: ['**/*.ts'],
      exclude: ['**/dist/**'],
    },
  });
}

// ts-jest and ts-node only transpile: type-check the TypeScript outside src/ before the tests,
// in one program (one tsc run checks src/ once, instead of once per folder).
const checkedDirs = ['test', 'examples', 'bench', 'imports', 'scripts'];
new JsonFile(project, 'tsconfig.typecheck.json', {
  obj: {
    extends: './tsconfig.json',
    compilerOptions: { noEmit: true, rootDir: '.', isolatedModules: true },
    include: checkedDirs.map(dir => `${dir}/**/*.ts`),
    exclude: ['**/dist/**', 'node_modules'],
  },
});
project.addPackageIgnore('/tsconfig.typecheck.json');
const typecheck = project.addTask('typecheck', {
  description: 'Type-check tests, examples, benchmarks and scripts',
  exec: 'tsc --noEmit -p tsconfig.typecheck.json',
});
project.testTask.prependSpawn(typecheck);

// `test:coverage`: `test` with coverage (coverage/, a summary printed). projen's `build` task is
// locked to spawn `test`, so CI collects coverage by running this once (its Node 22 run).
const eslintTask = project.eslint!.eslintTask;
const testCoverage = project.addTask('test:coverage', {
  description: 'Type-check, run the tests with coverage (coverage/) and lint',
});
testCoverage.spawn(typecheck);
testCoverage.exec('jest --passWithNoTests --ci --coverage');
testCoverage.spawn(eslintTask);

// `eslint` only reports; `eslint:fix` runs it with --fix (the eslint task passes its arguments on).
project.addTask('eslint:fix', {
  description: 'Fix what eslint can fix in the linted files',
  exec: `projen ${eslintTask.name} --fix`,
});

// `npx projen import` regenerates the L1 bindings from ../shared (see imports/gateway-api.json).
const importTask = project.addTask('import', {
  description: 'Regenerate src/imports/ (L1 bindings) and src/validation/data/ (CRD schemas) from ../shared',
  exec: 'ts-node --transpile-only imports/generate.ts',
});
importTask.exec('ts-node --transpile-only imports/generate-validation.ts');

// Synthesize every example app into examples/<name>/dist/*.k8s.yaml.
project.addTask('examples', {
  description: 'Synthesize every example in examples/ to YAML',
  exec: 'ts-node --transpile-only scripts/synth-examples.ts',
});

// Benchmarks: L2 synth (with synth-time validation) versus a bare-L1 app producing identical
// objects; the `validate` command versus a js-yaml parse of the same ~7 MB text; the validation
// checks (bulk objects, cross-object, upstream corpus) versus structuredClone or a YAML parse.
const bench = project.addTask('bench', {
  description: 'Synth (L2 vs bare L1), validate (command vs js-yaml parse) and validation-check benchmarks',
  exec: 'node --expose-gc -r ts-node/register/transpile-only bench/synth.ts',
});
bench.exec('node --expose-gc -r ts-node/register/transpile-only bench/validate.ts');
// The validation checks' timings (formerly jest assertions) against floors and budgets.
bench.exec('node --expose-gc -r ts-node/register/transpile-only bench/checks.ts');
// IngressCompat: 200 and 2,000 Ingresses (realistic annotation mix) through IngressCompat + synth with validation, against a bare synth.
bench.exec('node --expose-gc -r ts-node/register/transpile-only bench/compat.ts');
// `migrate` of 200 and 2,000 Ingresses end to end (fresh processes), against `validate` of its output.
bench.exec('node -r ts-node/register/transpile-only bench/migrate.ts');

// The bad-input corpus of `validate` (empty, binary, invalid UTF-8, alias bomb, 10,000-deep,
// 500,000 keys, symlink loops, /dev/zero, ~90 MB): exit 0/1/2, no stack trace, 30 s, 1 GiB each.
project.addTask('bad-inputs', {
  description: 'Run the validate command on hostile and huge inputs, each as a fresh process, against time and memory limits',
  exec: 'node -r ts-node/register/transpile-only bench/bad-inputs.ts',
});

// API.md documents the L2 API; the generated L1 submodules (gwapi, gwapiExperimental, gwapiX)
// get their own pages under docs/api/ (linked from API.md, shipped in the npm package) so
// API.md stays readable.
const docgen = project.tasks.tryFind('docgen')!;
docgen.reset('jsii-docgen -o docs/api/API.md --split-by-submodule');
docgen.exec('mv docs/api/API.md API.md');
docgen.exec("sed -i.bak -e 's#(./gwapi#(./docs/api/gwapi#g' API.md && rm API.md.bak");

// Nightly-style property-based run of the constructs against the validator (CI runs 2,000 in jest).
project.addTask('fuzz', {
  description: 'Fuzz the constructs: 10,000 random apps (args: [runs] [seed])',
  exec: 'ts-node --transpile-only -P scripts/tsconfig.json scripts/fuzz.ts',
  receiveArgs: true,
});

// Differential run of the validator against an independent one (ajv + cel-js over the CRD YAML):
// >= 12,000 generated documents on a fresh seed (args: [--seed N] [--count N]). Not part of CI.
project.addTask('differential', {
  description: 'Compare the validator with an independent validator on generated documents (args: [--seed N] [--count N])',
  exec: 'ts-node --transpile-only -P scripts/tsconfig.json scripts/differential/run.ts',
  receiveArgs: true,
});

// README's and docs/profiles.md's behaviour x profile matrix, from src/profiles/verdicts.ts
// (test/profiles/matrix.test.ts fails when they disagree).
project.addTask('docs:profiles', {
  description: 'Regenerate the implementation-profile matrix in README.md and docs/profiles.md',
  exec: 'ts-node --transpile-only -P scripts/tsconfig.json scripts/docs-profiles.ts',
});

// docs/ingress-nginx-annotations.md, from the annotation table in src/compat/annotations/table-*.ts
// (test/compat/annotation-table-docs.test.ts fails when they disagree).
project.addTask('docs:annotations', {
  description: 'Regenerate docs/ingress-nginx-annotations.md from the IngressCompat annotation table',
  exec: 'ts-node --transpile-only -P scripts/tsconfig.json scripts/docs-annotations.ts',
});

// lib/index.js loads each module on first use (scripts/lazy-index.ts): `require` of the package
// costs only the index, and an app pays for the modules it uses (issue 13: cold synth).
project.compileTask.exec('ts-node --transpile-only -P scripts/tsconfig.json scripts/lazy-index.ts');

// README code blocks must compile: extract them with jsii-rosetta in strict mode after jsii.
project.postCompileTask.exec('jsii-rosetta extract --strict --compile');

// The build packages the JavaScript target only: the other jsii targets need toolchains
// (Python, JDK + Maven, .NET, Go) that are not part of this project's CI.
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package:js')!);

project.synth();

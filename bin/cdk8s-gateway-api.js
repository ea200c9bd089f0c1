#!/usr/bin/env node
// The package's command (`cdk8s-gateway-api validate ...`).
//  - In the published package (no src/): runs the compiled CLI in lib/.
//  - In a clone of the repository (src/ and the dev dependency ts-node present): runs the
//    TypeScript sources through ts-node, so `npx cdk8s-gateway-api` works right after `npm ci`,
//    without a build, and never runs a stale lib/.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const source = path.join(root, 'src', 'cli', 'main.ts');

function tsNode() {
  try {
    return require(require.resolve('ts-node', { paths: [root] }));
  } catch {
    return undefined;
  }
}

const ts = fs.existsSync(source) ? tsNode() : undefined;
if (ts) {
  ts.register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
  require(source).run();
} else {
  require(path.join(root, 'lib', 'cli', 'main.js')).run();
}

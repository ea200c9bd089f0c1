/**
 * Writes docs/ingress-nginx-annotations.md from the annotation table in
 * src/compat/annotations/table-*.ts. `test/compat/annotation-table-docs.test.ts` fails when the
 * page differs from this output.
 *
 *   npx projen docs:annotations
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderAnnotationsPage } from '../src/compat/annotations/table-docs';

const file = path.join(__dirname, '..', 'docs', 'ingress-nginx-annotations.md');
fs.writeFileSync(file, renderAnnotationsPage());
console.log('wrote docs/ingress-nginx-annotations.md');

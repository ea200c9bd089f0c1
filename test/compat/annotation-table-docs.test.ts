import * as fs from 'fs';
import * as path from 'path';
import { AnnotationFamily, annotationKeys, annotationsOfFamily } from '../../src/compat/annotations/table';
import { renderAnnotationsPage, renderFamily, renderSummary } from '../../src/compat/annotations/table-docs';

const PAGE = path.resolve(__dirname, '..', '..', 'docs', 'ingress-nginx-annotations.md');

describe('docs/ingress-nginx-annotations.md', () => {
  test('is the generator\'s output (npx projen docs:annotations)', () => {
    expect(fs.readFileSync(PAGE, 'utf8')).toBe(renderAnnotationsPage());
  });

  test('has a row for every annotation and the Envoy Gateway summary', () => {
    const page = renderAnnotationsPage();
    for (const key of annotationKeys()) expect(page).toContain(`| \`${key}\``);
    expect(page).toMatch(/^On Envoy Gateway \d+ annotations are translated or approximate \(goal: at least 80\)\.$/m);
    expect(renderSummary().split('\n')).toHaveLength(6); // header, rule, three profiles, standard on the Experimental channel
  });

  test('renders one row per annotation, with escaped pipes', () => {
    const cors = renderFamily(annotationsOfFamily(AnnotationFamily.CORS)).split('\n');
    expect(cors).toHaveLength(2 + 7);
    expect(cors[3]).toBe('| `cors-allow-origin` | origins answered (matching origin echoed; `*` in a host is one label). | * | ingress · Medium | default used | '
      + '**approximate**: CORS `allowOrigins`; a `*` label in a Gateway origin matches one or more labels, where nginx matches exactly one. | **approximate**: as standard. | **approximate**: as standard. |');
    const routing = renderFamily(annotationsOfFamily(AnnotationFamily.ROUTING));
    expect(routing).toContain('ReplacePrefixMatch for `<prefix>(/\\|$)(.*)`');
  });
});

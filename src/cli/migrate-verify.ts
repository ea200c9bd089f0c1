import { VerifyFinding, VerifyReport } from '../compat/verify/verify-types';

/*
 * How `migrate --verify` reports: one summary line, then each differing probe (unexpected ones
 * first) with the fields that differ and, for expected ones, the notices that explain them; and
 * the same as JSON for `--verify-report FILE`.
 */

/** `verify: 412 probes, 398 agree, 12 differ as expected, 2 differ unexpectedly`. */
export function verifySummary(report: VerifyReport): string {
  return `verify: ${report.probes} probes, ${report.agreeing} agree, ${report.expected} differ as expected (explained by a notice or a known divergence), ${report.unexpected} differ unexpectedly\n`;
}

function findingLines(f: VerifyFinding): string[] {
  const lines = [`  ${f.expected ? 'expected  ' : 'UNEXPECTED'} ${f.request}`];
  for (const d of f.differences) lines.push(`      ${d.field}: ingress-nginx ${d.ingressNginx} | Gateway API ${d.gatewayApi}`);
  const served = [f.ingress, f.route].filter(s => s !== undefined).join(' → ');
  if (served) lines.push(`      served by: ${served}`);
  for (const d of f.divergences) lines.push(`      divergence: ${d}`);
  for (const n of f.notices) lines.push(`      notice: ${n.ingress}${n.annotation ? ` ${n.annotation}` : ''} (${n.status}): ${n.message}`);
  for (const n of f.notModeled) lines.push(`      not modeled: ${n}`);
  return lines;
}

/** The findings as text, unexpected ones first, each group in request order. */
export function verifyText(report: VerifyReport): string {
  const ordered = [...report.findings.filter(f => !f.expected), ...report.findings.filter(f => f.expected)];
  const body = ordered.flatMap(findingLines);
  return verifySummary(report) + (body.length ? body.join('\n') + '\n' : '');
}

/** The `--verify-report` JSON (findings without the whole outcomes, which `explain --json` gives). */
export function verifyJson(report: VerifyReport): string {
  const findings = report.findings.map(f => ({
    request: f.request,
    expected: f.expected,
    differences: f.differences,
    ...(f.ingress !== undefined ? { ingress: f.ingress } : {}),
    ...(f.route !== undefined ? { route: f.route } : {}),
    notices: f.notices,
    divergences: f.divergences,
    notModeled: f.notModeled,
  }));
  const summary = { probes: report.probes, agreeing: report.agreeing, expected: report.expected, unexpected: report.unexpected };
  return JSON.stringify({ summary, findings }, undefined, 2) + '\n';
}

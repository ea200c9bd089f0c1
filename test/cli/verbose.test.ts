import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { main } from '../../src/cli/main';
import { CliIo } from '../../src/cli/validate-command';
import { GatewayApiValidationPlugin } from '../../src/validation/plugin';

/* `cel-skipped` notes (CEL rules the API server would not evaluate because of other errors) are
 * listed only on request: `--verbose` for the command, `verbose: true` for the plugin. */

const INVALID = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: raw\n  namespace: shop\nspec:\n  hostnames: 5\n';

function validate(...flags: string[]): { code: number; out: string } {
  let out = '';
  const io: CliIo = { out: t => { out += t; }, err: () => {}, readStdin: () => INVALID, stdinIsTty: false, cwd: process.cwd() };
  return { code: main(['validate', ...flags, '-'], io), out };
}

describe('cel-skipped notes', () => {
  test('the validate command lists them only with --verbose', () => {
    const quiet = validate();
    expect(quiet.code).toBe(1);
    expect(quiet.out).toMatch(/spec.hostnames in body must be of type array/);
    expect(quiet.out).not.toMatch(/some validation rules were not checked/);
    const verbose = validate('--verbose');
    expect(verbose.code).toBe(1);
    expect(verbose.out).toMatch(/spec.hostnames in body must be of type array/);
    expect(verbose.out).toMatch(/some validation rules were not checked because the object was invalid/);
    expect(validate('-v').out).toBe(verbose.out);
  });

  test('the cdk8s plugin reports them only with verbose: true', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbose-'));
    const file = path.join(dir, 'app.k8s.yaml');
    fs.writeFileSync(file, INVALID);
    // cdk8s-cli's validation logger prints a summary line per run.
    const log = jest.spyOn(console, 'log').mockImplementation(() => {});
    const recommendations = async (verbose?: boolean): Promise<string[]> => {
      const context = new ValidationContext([file], 'p', '0.0.0', {}, false);
      await new GatewayApiValidationPlugin(verbose === undefined ? {} : { verbose }).validate(context);
      return context.report.toJson().violations.map((v: any) => v.recommendation);
    };
    expect((await recommendations()).some((r: string) => /not checked/.test(r))).toBe(false);
    expect((await recommendations(true)).some((r: string) => /not checked/.test(r))).toBe(true);
    expect(() => new GatewayApiValidationPlugin({ verbose: 'yes' } as any)).toThrow(/verbose must be true or false/);
    log.mockRestore();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

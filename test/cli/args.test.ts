import { parseOptions, UsageError } from '../../src/cli/args';
import { parseValidateArgs } from '../../src/cli/validate-command';
import { runCli } from '../support/run-cli';

/*
 * The one argument parser of `validate`, `migrate` and `audit` (src/cli/args.ts), and the help
 * of each command: a usage line and an example.
 */

describe('parseOptions', () => {
  const specs = [
    { name: '--format', kind: 'value' as const },
    { name: '--tag', aliases: ['-t'], kind: 'list' as const, check: (v: string, written: string) => { if (v === 'bad') throw new UsageError(`option ${written}: "bad"`); } },
    { name: '--json', kind: 'flag' as const },
  ];

  test('inputs, values (last wins), lists in order, flags, -- and -', () => {
    const p = parseOptions(['a.yaml', '--format', 'x', '--format=y', '-t', '1', '--tag=2', '--json', '-', '--', '--not-an-option'], specs);
    expect({ inputs: p.inputs, flags: [...p.flags], values: [...p.values], lists: [...p.lists] }).toEqual({
      inputs: ['a.yaml', '-', '--not-an-option'],
      flags: ['--json'],
      values: [['--format', 'y']],
      lists: [['--tag', ['1', '2']]],
    });
  });

  test.each([
    [['--nope'], /^unknown option --nope$/],
    [['--format'], /^option --format needs a value$/],
    [['--format', '--json'], /^option --format needs a value$/],
    [['--json=1'], /^option --json takes no value$/],
    [['-t', 'bad', '--nope'], /^option -t: "bad"$/],
    [['--nope', '-t', 'bad'], /^unknown option --nope$/],
  ])('%j: the first problem is the one reported', (argv, message) => {
    expect(() => parseOptions(argv, specs)).toThrow(message);
  });
});

describe('validate through the shared parser', () => {
  test('every option, with aliases and normalisation', () => {
    expect(parseValidateArgs(['--gateway-api-version', '1.5.1', '--channel', 'EXPERIMENTAL', '--implementation', 'envoy-gateway-v1.9.0,nginx-gateway-fabric-v2.6.7',
      '--implementation=envoy-gateway-v1.9.0', '--no-cross-object', '--max-file-size', '1KiB', '--max-total-size=2KB', '--json', '-v', 'x.yaml'])).toEqual({
      inputs: ['x.yaml'],
      options: { gatewayApiVersion: 'v1.5.1', channel: 'experimental', implementations: ['envoy-gateway-v1.9.0', 'nginx-gateway-fabric-v2.6.7'], crossObject: false },
      json: true,
      verbose: true,
      help: false,
      maxFileSize: 1024,
      maxTotalSize: 2000,
    });
  });

  test.each([
    [['--channel', 'beta', '--nope'], /^unknown channel "beta" \(expected standard or experimental\)$/],
    [['--gateway-api', 'v9'], /^unknown Gateway API version "v9" \(expected v1\.6\.1 or v1\.5\.1\)$/],
    [['--implementation', 'istio'], /^unknown implementation "istio" \(expected envoy-gateway-v1\.9\.0 or nginx-gateway-fabric-v2\.6\.7\)$/],
    [['--max-total-size=lots'], /^option --max-total-size: "lots" is not a size/],
    [['--verbose=yes'], /^option --verbose takes no value$/],
  ])('%j keeps its message', (argv, message) => {
    expect(() => parseValidateArgs(argv)).toThrow(message);
  });
});

describe('--help of each command: usage and an example', () => {
  test.each(['validate', 'migrate', 'audit'])('%s --help', command => {
    const r = runCli([command, '--help'], { cwd: '/' });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^Usage: cdk8s-gateway-api ${command} \\[FILE\\|DIR\\|-\\]\\.\\.\\. \\[options\\]\\n`));
    expect(r.out).toMatch(new RegExp(`\\nExample:\\n(  .*\\n)*  .*cdk8s-gateway-api ${command} `));
  });
});

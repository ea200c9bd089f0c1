/*
 * The argument parser of every command (`validate`, `migrate`, `audit`): positional inputs,
 * `--name VALUE` and `--name=VALUE`, flags, repeatable options, `--` ending the options, `-` as
 * standard input. An unknown option, a missing value or a value given to a flag is a usage
 * error (exit 2); a value is checked where it is read, so the first problem on the command line
 * is the one reported.
 */

/** A usage error: the command prints it with a pointer to `--help` and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** How an option is written. */
export interface OptionSpec {
  /** `--name`. */
  readonly name: string;
  /** Other spellings (`-o`). */
  readonly aliases?: readonly string[];
  /** `flag`: no value; `value`: one value (the last one given wins); `list`: repeatable. */
  readonly kind: 'flag' | 'value' | 'list';
  /**
   * Checks each value as it is read (`written` is the option as given, `--gateway-api-version`
   * for an alias); throws UsageError for a bad one.
   */
  readonly check?: (value: string, written: string) => void;
}

/** What the parser found. */
export interface ParsedOptions {
  /** Inputs, in the order given. */
  readonly inputs: string[];
  /** Flags given, by option name. */
  readonly flags: ReadonlySet<string>;
  /** The value of each `value` option given, by option name. */
  readonly values: ReadonlyMap<string, string>;
  /** The values of each `list` option, in order, by option name. */
  readonly lists: ReadonlyMap<string, string[]>;
}

/**
 * Parses command arguments.
 *
 * @param args the arguments after the command name
 * @param specs the options the command takes
 * @throws UsageError for an unknown option, a missing value or a value given to a flag
 */
export function parseOptions(args: readonly string[], specs: readonly OptionSpec[]): ParsedOptions {
  const byName = new Map<string, OptionSpec>();
  for (const s of specs) for (const n of [s.name, ...(s.aliases ?? [])]) byName.set(n, s);
  const inputs: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  let onlyInputs = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyInputs || arg === '-' || !arg.startsWith('-')) {
      inputs.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyInputs = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const inline = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : undefined;
    const spec = byName.get(written);
    if (spec === undefined) throw new UsageError(`unknown option ${written}`);
    if (spec.kind === 'flag') {
      if (inline !== undefined) throw new UsageError(`option ${written} takes no value`);
      flags.add(spec.name);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = args[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) throw new UsageError(`option ${written} needs a value`);
      value = next;
      i++;
    }
    spec.check?.(value, written);
    if (spec.kind === 'value') values.set(spec.name, value);
    else lists.set(spec.name, [...(lists.get(spec.name) ?? []), value]);
  }
  return { inputs, flags, values, lists };
}

/**
 * One of a fixed set of values.
 *
 * @param allowed the values accepted
 * @param raw what was given
 * @param option the option, for the message
 * @throws UsageError naming the option, the value and the values accepted
 */
export function choice<T extends string>(allowed: readonly T[], raw: string, option: string): T {
  const found = allowed.find(v => v === raw);
  if (found === undefined) throw new UsageError(`option ${option}: unknown value "${raw}" (expected ${allowed.join(', ')})`);
  return found;
}

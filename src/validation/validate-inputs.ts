import { ValidationSession } from './validation-session';
import { ValidationInput, ValidationOptions, ValidationResult } from './validation-types';

/*
 * Validation of objects already in memory (synth, `ManifestValidator.validateObjects`): no YAML
 * reader is loaded for them. Internal.
 */

/**
 * Validates objects, each against the channel it targets (`channel` of an input overrides the
 * options'); results are ordered by `documentIndex`, per-object results before cross-object ones.
 * The objects are not changed (decoded copy on write) and must not change during the call.
 * @internal
 */
export function validateInputs(inputs: readonly ValidationInput[], options: ValidationOptions): ValidationResult[] {
  const session = new ValidationSession(options, position => inputs[position].obj, true);
  const results: ValidationResult[] = [];
  for (const input of inputs) {
    for (const r of session.add(input)) results.push(r);
  }
  const cross = session.finish();
  if (cross.length === 0) return results;
  return stableSortByDocument([...results, ...cross.map(c => c.result)]);
}

/**
 * The results ordered by `documentIndex`, keeping the order within a document.
 * @internal
 */
export function stableSortByDocument(results: ValidationResult[]): ValidationResult[] {
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => ((a.r.documentIndex ?? -1) - (b.r.documentIndex ?? -1)) || a.i - b.i)
    .map(x => x.r);
}

/** Small L2 values that the builders share: object metadata and cdk8s Durations. */
import { Duration } from 'cdk8s';
import { DurationDesc } from './descriptions';

/** `metadata` with only the keys given (undefined when none is). */
export function metadata(name: string | undefined, namespace?: string): { name?: string; namespace?: string } | undefined {
  if (name === undefined && namespace === undefined) return undefined;
  return { ...(name !== undefined ? { name } : {}), ...(namespace !== undefined ? { namespace } : {}) };
}

export function duration(d: DurationDesc): Duration {
  switch (d.unit) {
    case 'millis': return Duration.millis(d.amount);
    case 'seconds': return Duration.seconds(d.amount);
    case 'minutes': return Duration.minutes(d.amount);
    default: return Duration.hours(d.amount);
  }
}

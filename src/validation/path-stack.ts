import { child, index, key } from './errors';

const CHILD = 0;
const INDEX = 1;
const KEY = 2;

/**
 * The JSON path of the node a walk is at, kept as segments and turned into the string of
 * `child`/`index`/`key` only when a problem is reported: walks over large objects build no
 * path strings for the (many) nodes without problems.
 * @internal
 */
export class PathStack {
  private readonly kinds: number[] = [];
  private readonly segments: (string | number)[] = [];

  constructor(private readonly base = '') {}

  /** Enters a property (`a.b`). */
  public child(name: string): void {
    this.kinds.push(CHILD);
    this.segments.push(name);
  }

  /** Enters a list item (`a[0]`). */
  public index(i: number): void {
    this.kinds.push(INDEX);
    this.segments.push(i);
  }

  /** Enters a map entry (`a[k]`). */
  public key(k: string): void {
    this.kinds.push(KEY);
    this.segments.push(k);
  }

  /** Leaves the last segment entered. */
  public pop(): void {
    this.kinds.pop();
    this.segments.pop();
  }

  /** The path, as `child`, `index` and `key` write it. */
  public toString(): string {
    let p = this.base;
    for (let i = 0; i < this.kinds.length; i++) {
      const s = this.segments[i];
      switch (this.kinds[i]) {
        case CHILD:
          p = child(p, s as string);
          break;
        case INDEX:
          p = index(p, s as number);
          break;
        default:
          p = key(p, s as string);
      }
    }
    return p;
  }
}

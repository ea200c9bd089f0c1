import { CompatNotice } from './notices';

/**
 * Collects notices: one per annotation key per Ingress (a later notice for the same key
 * replaces an earlier one unless `append` is set), plus notices without an annotation.
 * @internal
 */
export class NoticeLog {
  private readonly byKey = new Map<string, CompatNotice[]>();
  private readonly order: string[] = [];

  /** Records the notice for `annotation` of `ingress` (replacing an earlier one). */
  public set(notice: CompatNotice): void {
    const key = `${notice.ingress}\u0000${notice.annotation ?? ''}`;
    if (!this.byKey.has(key)) this.order.push(key);
    this.byKey.set(key, notice.annotation === undefined ? [...(this.byKey.get(key) ?? []), notice] : [notice]);
  }

  /** Adds one more notice for the same key (when one key yields several findings). */
  public append(notice: CompatNotice): void {
    const key = `${notice.ingress}\u0000${notice.annotation ?? ''}`;
    if (!this.byKey.has(key)) this.order.push(key);
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), notice]);
  }

  /** Whether an annotation of an Ingress has a notice. */
  public has(ingress: string, annotation: string): boolean {
    return this.byKey.has(`${ingress}\u0000${annotation}`);
  }

  /** Every notice, sorted by Ingress, then annotation (Ingress-level notices first), then message. */
  public all(): CompatNotice[] {
    const out = [...this.byKey.values()].flat();
    return out.sort((a, b) => cmp(a.ingress, b.ingress) || cmp(a.annotation ?? '', b.annotation ?? '') || cmp(a.message, b.message));
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

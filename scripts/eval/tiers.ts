/** Hide-and-recover figures per tier, shared by the eval's table, its JSON and the model card. */
import { TIERS, type CaseResult, type EvalReport } from './run';

export interface TierFigures {
  tier: string;
  cases: number;
  top1: number;
  top5: number;
  mrr: number;
  falseFlagRate: number | undefined;
  falseFlags: number;
  negatives: number;
  leaks: number;
}

/** Per-tier figures over the cases `only` keeps; subsumed cases are always left out. */
export function tierFigures(
  report: EvalReport,
  only: (c: CaseResult) => boolean = () => true,
): TierFigures[] {
  return TIERS.map((tier) => {
    const cases = report.cases.filter((c) => c.tier === tier && !c.subsumed && only(c));
    const n = cases.length || 1;
    const ff = report.falseFlags.filter((f) => f.tier === tier);
    const flagged = ff.filter((f) => f.flagged).length;
    return {
      tier,
      cases: cases.length,
      top1: cases.filter((c) => c.rank === 1).length / n,
      top5: cases.filter((c) => c.rank !== undefined && c.rank <= 5).length / n,
      mrr: cases.reduce((s, c) => s + (c.rank ? 1 / c.rank : 0), 0) / n,
      falseFlagRate: ff.length ? flagged / ff.length : undefined,
      falseFlags: flagged,
      negatives: ff.length,
      leaks: cases.reduce((s, c) => s + c.leaks, 0),
    };
  });
}

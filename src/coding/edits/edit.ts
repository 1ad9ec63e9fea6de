import type { CodingContext } from '../context';
import type { DraftClaim } from '../draft';

/**
 * A claim edit: a named rule applied, in the order of ./index.ts, to the merged draft lines of a
 * visit after the procedure families have drafted them.
 */
export interface ClaimEdit {
  /** Rule id of the findings it raises, e.g. "NCCI-PTP", "MUE". */
  readonly id: string;
  /** What the rule does, in one sentence, with its source tags. */
  readonly summary: string;
  apply(claim: DraftClaim, ctx: CodingContext): void;
}

/** Evidence paths of the procedures behind some lines. */
export function procedurePaths(...procIdx: number[][]): string[] {
  return procIdx.flatMap((list) => list.map((i) => `procedures[${i}]`));
}

/** The parts of the revenue-cycle efficiency score, each a share between 0 and 1 (null: no data yet). */
export interface EfficiencyInputs {
  firstPassAcceptanceRate: number | null;
  denialRate: number | null;
  netCollectionRate: number | null;
  staffTouchedShare: number | null;
  daysInAR: number | null;
}

interface Component {
  name: string;
  weight: number;
  /** How the figure becomes a 0..1 part of the score. */
  shown: string;
  value(inputs: EfficiencyInputs): number | null;
}

/** Days in A/R at or below this (HFMA's top performers) earn the whole component. */
const TARGET_DAYS_IN_AR = 35;
const clamp = (x: number) => Math.min(1, Math.max(0, x));
const maybe = (x: number | null, f: (x: number) => number) => (x === null ? null : clamp(f(x)));

export const EFFICIENCY_COMPONENTS: readonly Component[] = [
  {
    name: 'first-pass acceptance',
    weight: 30,
    shown: 'first-pass acceptance rate',
    value: (i) => maybe(i.firstPassAcceptanceRate, (x) => x),
  },
  {
    name: 'denials',
    weight: 25,
    shown: '(1 − denial rate)',
    value: (i) => maybe(i.denialRate, (x) => 1 - x),
  },
  {
    name: 'collection',
    weight: 20,
    shown: 'min(1, net collection rate)',
    value: (i) => maybe(i.netCollectionRate, (x) => x),
  },
  {
    name: 'no-touch',
    weight: 15,
    shown: '(1 − share touched by staff)',
    value: (i) => maybe(i.staffTouchedShare, (x) => 1 - x),
  },
  {
    name: 'days in A/R',
    weight: 10,
    shown: `min(1, ${TARGET_DAYS_IN_AR} ÷ days in A/R)`,
    value: (i) => maybe(i.daysInAR, (x) => (x <= 0 ? 1 : TARGET_DAYS_IN_AR / x)),
  },
];

export const EFFICIENCY_FORMULA = `score = 100 × (${EFFICIENCY_COMPONENTS.map((c) => `${c.weight}·${c.shown}`).join(' + ')}) ÷ (sum of the weights of the parts with data)`;

export interface EfficiencyScore {
  /** 0..100, or null while no part has data. */
  score: number | null;
  formula: string;
  parts: Array<{ name: string; weight: number; value: number | null }>;
}

/** A weighted mean of the parts that have data, so a new practice is not scored on missing figures. */
export function efficiencyScore(inputs: EfficiencyInputs): EfficiencyScore {
  const parts = EFFICIENCY_COMPONENTS.map((c) => ({
    name: c.name,
    weight: c.weight,
    value: c.value(inputs),
  }));
  const known = parts.filter((p) => p.value !== null);
  const weights = known.reduce((s, p) => s + p.weight, 0);
  const score = weights === 0 ? null : (100 * known.reduce((s, p) => s + p.weight * p.value!, 0)) / weights;
  return { score, formula: EFFICIENCY_FORMULA, parts };
}

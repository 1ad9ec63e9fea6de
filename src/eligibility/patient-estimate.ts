import { z } from 'zod';
import allowedJson from '../../config/allowed-amounts.json';
import type { ClaimLine } from '../coding/types';
import type { EligibilityResult } from './types';

/**
 * What the practice expects each payer to allow (its contracted fee schedule), per payer id:
 * exact amounts per code and unit, or a share of the charge. config/allowed-amounts.json.
 */
export const AllowedAmountsSchema = z.object({
  payers: z
    .record(
      z.string().regex(/^[A-Z0-9]{2,10}$/),
      z.object({
        /** Allowed per unit, integer cents, by CPT/HCPCS code. */
        codes: z.record(z.string(), z.number().int().nonnegative()).default({}),
        /** For codes not listed: this share of the charge, in basis points (7500 = 75%). */
        percentOfChargesBasisPoints: z.number().int().min(0).max(10000).optional(),
      }),
    )
    .default({}),
});
export type AllowedAmounts = z.infer<typeof AllowedAmountsSchema>;
export const noAllowedAmounts: AllowedAmounts = { payers: {} };
/** config/allowed-amounts.json (the sandbox payers' contracted share of charges), validated at load. */
export const configuredAllowedAmounts: AllowedAmounts = AllowedAmountsSchema.parse(allowedJson);

const EM = /^99(20[2-5]|21[1-5])$/;

export interface PatientEstimate {
  /** benefits: from an active 271; self_pay: no insurance (all at price); unconfirmed: no benefits known. */
  basis: 'benefits' | 'self_pay' | 'unconfirmed';
  /** Where the allowed amounts came from: the payer's schedule, the practice's charges, or both. */
  allowedSource: 'payer_schedule' | 'charges' | 'mixed' | 'none';
  allowedCents: number;
  copayCents: number;
  deductibleCents: number;
  coinsuranceCents: number;
  /** What the out-of-pocket remaining took off the insured share. */
  outOfPocketCapCents: number;
  /** Cosmetic and other self-pay lines, at their price. */
  selfPayCents: number;
  totalCents: number;
}

function allowedFor(
  line: ClaimLine,
  payerId: string,
  allowed: AllowedAmounts,
): { cents: number; known: boolean } {
  const payer = allowed.payers[payerId];
  const perUnit = payer?.codes[line.code];
  if (perUnit !== undefined) return { cents: Math.min(perUnit * line.units, line.chargeCents), known: true };
  if (payer?.percentOfChargesBasisPoints !== undefined)
    return { cents: Math.floor((line.chargeCents * payer.percentOfChargesBasisPoints) / 10000), known: true };
  return { cents: line.chargeCents, known: false };
}

const sum = (lines: ClaimLine[]) => lines.reduce((s, l) => s + l.chargeCents, 0);

/**
 * The patient's share of the visit, in integer cents, line by line in claim order: the deductible
 * left first, then the office copay on the E/M or the coinsurance (rounded down) on other lines;
 * the insured share capped by the out-of-pocket left; self-pay lines added at their price.
 */
export function estimatePatientShare(input: {
  lines: ClaimLine[];
  selfPayLines: ClaimLine[];
  payerId: string | null;
  eligibility: EligibilityResult | null;
  allowed: AllowedAmounts;
}): PatientEstimate {
  const selfPayCents = sum(input.selfPayLines);
  const blank = { copayCents: 0, deductibleCents: 0, coinsuranceCents: 0, outOfPocketCapCents: 0 };
  const { eligibility, payerId } = input;
  if (!eligibility || !payerId || eligibility.status === 'inactive') {
    const atPrice = sum(input.lines) + selfPayCents;
    return {
      basis: 'self_pay',
      allowedSource: 'charges',
      allowedCents: 0,
      ...blank,
      selfPayCents: atPrice,
      totalCents: atPrice,
    };
  }
  if (eligibility.status !== 'active')
    return {
      basis: 'unconfirmed',
      allowedSource: 'none',
      allowedCents: 0,
      ...blank,
      selfPayCents,
      totalCents: selfPayCents,
    };
  let deductibleLeft = eligibility.deductibleRemainingCents ?? 0;
  const copay = eligibility.copayCents ?? 0;
  const coinsuranceBasisPoints = eligibility.coinsuranceBasisPoints ?? 0;
  const share = { ...blank, allowedCents: 0 };
  const known = new Set<boolean>();
  for (const line of input.lines) {
    const allowed = allowedFor(line, payerId, input.allowed);
    known.add(allowed.known);
    share.allowedCents += allowed.cents;
    let remaining = allowed.cents;
    const deductible = Math.min(deductibleLeft, remaining);
    deductibleLeft -= deductible;
    remaining -= deductible;
    share.deductibleCents += deductible;
    if (EM.test(line.code) && copay > 0) share.copayCents += Math.min(copay, remaining);
    else share.coinsuranceCents += Math.floor((remaining * coinsuranceBasisPoints) / 10000);
  }
  const insured = share.copayCents + share.deductibleCents + share.coinsuranceCents;
  const cap = eligibility.outOfPocketRemainingCents;
  const capped = cap === undefined ? insured : Math.min(insured, cap);
  const allowedSource =
    known.size === 0 ? 'none' : known.size === 2 ? 'mixed' : known.has(true) ? 'payer_schedule' : 'charges';
  return {
    basis: 'benefits',
    allowedSource,
    ...share,
    outOfPocketCapCents: insured - capped,
    selfPayCents,
    totalCents: capped + selfPayCents,
  };
}

import type { ClaimPayment } from './types';

/** CLP02 19: processed as primary, forwarded to the additional payer(s). */
const FORWARDED_STATUS = '19';
/** MA18 "forwarded to the supplemental insurer", N89 "forwarded to the patient's other payer". */
const CROSSOVER_REMARKS = new Set(['MA18', 'N89']);

/** How the 835 says the payer forwarded the claim to the next payer itself (crossover). */
export interface CrossoverInfo {
  /** The crossover carrier of NM1*TT, when the payer names it. */
  carrier?: { name: string; payerId?: string };
  /** What showed it: the claim status, the crossover carrier, the remark codes. */
  evidence: Array<'status-19' | 'crossover-carrier' | 'remark'>;
}

/**
 * The crossover a claim payment reports, or null. A crossed-over claim must not be billed to the
 * next payer again: its 835 follows, quoting the same patient control number.
 */
export function crossoverOf(payment: ClaimPayment): CrossoverInfo | null {
  const evidence: CrossoverInfo['evidence'] = [];
  if (payment.statusCode === FORWARDED_STATUS) evidence.push('status-19');
  if (payment.crossoverCarrier) evidence.push('crossover-carrier');
  if (payment.remarkCodes.some((code) => CROSSOVER_REMARKS.has(code))) evidence.push('remark');
  if (evidence.length === 0) return null;
  return { ...(payment.crossoverCarrier ? { carrier: payment.crossoverCarrier } : {}), evidence };
}

import { parseX12, transactionsOf } from '../x12/document';
import { parseCents } from '../x12/money';
import { components, el, repetitions, type Segment } from '../x12/segment';
import { read271 } from '../x12/eligibility/eligibility-270-271';
import { classifyRejection } from './rejections';
import type { BenefitLimitation, EligibilityResult, OtherPayer, PlanInsuranceType } from './types';

/** EB04 insurance types of original Medicare and of Medicare Advantage (HN: HMO Medicare risk). */
const ORIGINAL_MEDICARE = new Set(['MA', 'MB', 'MP']);
const MEDICARE_ADVANTAGE = new Set(['HN']);
/** Medicare secondary payer types (EB04 12-16, 41-47): another payer is primary to Medicare. */
const MEDICARE_SECONDARY_TYPES = new Set(['12', '13', '14', '15', '16', '41', '42', '43', '47']);

/** One EB with the segments of its loop (2110C/D: MSG, REF, DTP; 2120C/D: NM1 of a benefit party). */
interface BenefitLoop {
  eb: Segment;
  messages: string[];
  party?: Segment;
  partyRefs: Segment[];
}

/**
 * 271 → everything a biller uses for a dermatology visit: the plan (name, type, numbers, dates),
 * network status, office copay (service type 98 preferred), deductible and out-of-pocket with what
 * remains, coinsurance, limitations, prior-authorization and referral flags, other payers (COB) and
 * the AAA rejections classified into what a person must fix. Builds on read271's core reading.
 */
export function readEligibility271(text: string): EligibilityResult[] {
  const cores = read271(text);
  return transactionsOf(parseX12(text)).map(({ transaction }, index) =>
    enrich(cores[index]!, transaction.segments),
  );
}

function enrich(core: EligibilityResult, segments: Segment[]): EligibilityResult {
  const result: EligibilityResult = { ...core };
  const loops = benefitLoops(segments);
  const rejections = segments
    .filter((s) => s.id === 'AAA' && el(s, 3) !== '')
    .map((s) => classifyRejection(el(s, 3), el(s, 4)));
  if (rejections.length > 0) result.rejections = rejections;
  readSubscriberReferences(result, segments);
  const coverage = loops.find((l) => el(l.eb, 1) === '1') ?? loops.find((l) => el(l.eb, 1) === '6');
  if (coverage && el(coverage.eb, 4)) result.insuranceType = insuranceTypeOf(el(coverage.eb, 4));
  const oop = loops.find((l) => el(l.eb, 1) === 'G' && el(l.eb, 6) === '23' && el(l.eb, 12) !== 'N');
  const oopCents = oop ? parseCents(el(oop.eb, 7)) : null;
  if (oopCents !== null) result.outOfPocketCents = oopCents;
  const officeCopay = loops.find((l) => el(l.eb, 1) === 'B' && repetitions(l.eb, 3).includes('98'));
  const copayCents = officeCopay ? parseCents(el(officeCopay.eb, 7)) : null;
  if (copayCents !== null && el(officeCopay!.eb, 12) !== 'N') result.copayCents = copayCents;
  const limitations = loops.filter((l) => el(l.eb, 1) === 'F').map(limitationOf);
  if (limitations.length > 0) result.limitations = limitations;
  const authTypes = loops
    .filter((l) => el(l.eb, 11) === 'Y' && components(l.eb, 13).length === 0)
    .flatMap((l) => repetitions(l.eb, 3));
  if (authTypes.length > 0) result.authorizationRequiredServiceTypes = [...new Set(authTypes)];
  if (loops.some((l) => l.messages.some((m) => /REFERRAL/i.test(m) && !/NOT REQUIRED/i.test(m))))
    result.referralRequired = true;
  const otherPayers = loops.filter((l) => el(l.eb, 1) === 'R').map(otherPayerOf);
  if (otherPayers.length > 0) result.otherPayers = otherPayers;
  return result;
}

function benefitLoops(segments: Segment[]): BenefitLoop[] {
  const loops: BenefitLoop[] = [];
  let current: BenefitLoop | undefined;
  for (const segment of segments) {
    if (segment.id === 'EB') {
      current = { eb: segment, messages: [], partyRefs: [] };
      loops.push(current);
    } else if (!current) continue;
    else if (segment.id === 'MSG') current.messages.push(el(segment, 1));
    else if (segment.id === 'NM1') current.party = segment;
    else if (segment.id === 'REF' && current.party) current.partyRefs.push(segment);
    else if (segment.id === 'HL') current = undefined;
  }
  return loops;
}

/** REF in the subscriber loop (before the first EB): 6P group number, 18 plan number. */
function readSubscriberReferences(result: EligibilityResult, segments: Segment[]): void {
  for (const segment of segments) {
    if (segment.id === 'EB') return;
    if (segment.id !== 'REF') continue;
    if (el(segment, 1) === '6P') result.groupNumber = el(segment, 2);
    else if (el(segment, 1) === '18') result.planNumber = el(segment, 2);
  }
}

export function insuranceTypeOf(code: string): PlanInsuranceType {
  const medicare = ORIGINAL_MEDICARE.has(code)
    ? 'original'
    : MEDICARE_ADVANTAGE.has(code)
      ? 'advantage'
      : null;
  return { code, medicare };
}

function limitationOf(loop: BenefitLoop): BenefitLimitation {
  const quantity = el(loop.eb, 9) && el(loop.eb, 10) ? `${el(loop.eb, 9)}:${el(loop.eb, 10)}` : undefined;
  const procedure = components(loop.eb, 13)[1];
  return {
    serviceTypes: repetitions(loop.eb, 3),
    ...(procedure ? { procedureCode: procedure } : {}),
    ...(quantity ? { quantity } : {}),
    message: loop.messages.join(' ') || 'limitation stated by the payer',
  };
}

function otherPayerOf(loop: BenefitLoop): OtherPayer {
  const type = el(loop.eb, 4);
  const party = loop.party;
  const memberRef = loop.partyRefs.find((r) => ['IG', '1W', '18', '6P', 'NQ'].includes(el(r, 1)));
  const primaryByMessage = loop.messages.some((m) => /\bPRIMARY\b/i.test(m) && !/SECONDARY TO/i.test(m));
  return {
    ...(party && el(party, 3) ? { payerName: el(party, 3) } : {}),
    ...(party && el(party, 9) ? { payerId: el(party, 9) } : {}),
    ...(memberRef ? { memberId: el(memberRef, 2) } : {}),
    ...(type ? { insuranceType: type } : {}),
    isPrimary: MEDICARE_SECONDARY_TYPES.has(type) || primaryByMessage,
  };
}

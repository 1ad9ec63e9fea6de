import type { VisitDocumentInput } from '../visit/schema';
import { generateVisit, seededRandom } from './visit-generator';

/** The member-id prefix picks the sandbox payer's scenario (docs/sandbox.md). */
export function memberPrefixFor(seed: number, index: number): string | undefined {
  const r = seededRandom(seed * 7919 + index * 31 + 17)();
  if (r < 0.05) return 'REJ'; // front-end rejection (277CA A7:33): staff review
  if (r < 0.15) return 'DED'; // $100 of the deductible left: the patient owes more
  if (r < 0.2) return 'HDHP'; // high-deductible plan
  return undefined;
}

/**
 * Medicare with a supplement plan on file: billed to the supplement with a secondary 837P, or
 * crossed over by Medicare itself (sandbox member XOVER01, config/sandbox-members.json).
 */
export type Coordination = 'secondary_claim' | 'crossover';

export function coordinationFor(seed: number, index: number): Coordination | undefined {
  const r = seededRandom(seed * 104_729 + index * 37 + 5)();
  if (r < 0.15) return 'secondary_claim';
  if (r < 0.22) return 'crossover';
  return undefined;
}

/** The supplement plan of the sandbox: $10 deductible and 10% stay with the patient. */
const SUPPLEMENT = {
  payerId: 'SUPPL1',
  payerName: 'SANDBOX SUPPLEMENT',
  payerType: 'commercial' as const,
  memberId: 'SECGAP01',
  relationship: 'self' as const,
};

function withSupplement(visit: VisitDocumentInput, coordination: Coordination): VisitDocumentInput {
  const memberId = coordination === 'crossover' ? 'XOVER01' : `MCR${visit.coverage!.memberId.slice(-6)}`;
  return {
    ...visit,
    coverage: {
      payerId: 'MCR01',
      payerName: 'SANDBOX MEDICARE',
      payerType: 'medicare',
      memberId,
      relationship: 'self',
    },
    otherCoverages: [SUPPLEMENT],
  };
}

/** The N visits of a demo run: every scenario of the generator, sandbox member prefixes, supplements. */
export function demoVisits(options: {
  count: number;
  seed: number;
  runId: string;
  today?: Date;
}): VisitDocumentInput[] {
  const today = options.today ?? new Date();
  return Array.from({ length: options.count }, (_, index) => {
    const daysAgo = 1 + Math.floor(seededRandom(options.seed * 13 + index)() * 7);
    const dateOfService = new Date(today.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const memberPrefix = memberPrefixFor(options.seed, index);
    const visit = generateVisit({
      seed: options.seed,
      index: index + 1,
      dateOfService,
      memberPrefix,
      runId: options.runId,
    });
    const coordination = memberPrefix ? undefined : coordinationFor(options.seed, index);
    return coordination ? withSupplement(visit, coordination) : visit;
  });
}

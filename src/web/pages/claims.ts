import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { ApiDependencies } from '../../api/dependencies';
import { noteAudit } from '../../api/audit-trail';
import { route } from '../../api/http';
import { ClaimRecordStatus } from '../../db/generated/enums';
import { AGING_BUCKETS, agingBucketOf, type ClaimMoneyFacts } from '../../metrics/breakdowns';
import { claimFactsOf, readClaims } from '../../metrics/revenue-cycle';
import { safeText } from '../../visit/primitives';
import { claimHref, dollars, type Cell } from '../format';
import { pageAccess, pageContext } from '../page-access';
import { renderPage } from '../render';

/** The claims behind a dashboard figure: each filter is the figure's own definition. */
export const ClaimsQuerySchema = z.object({
  payer: safeText(64, { minLength: 1 }).optional(),
  status: z.enum(ClaimRecordStatus).optional(),
  /** Adjudicated and denied in whole or in part (the denial rate's numerator). */
  denied: z.literal('true').optional(),
  /** A denial adjustment with this group and reason, e.g. CO-4. */
  carc: z
    .string()
    .regex(/^[A-Z]{2}-[A-Z0-9]{1,5}$/)
    .optional(),
  /** Open insurance balance in this aging bucket. */
  aging: z.enum(AGING_BUCKETS).optional(),
  /** A first attempt the clearinghouse or payer rejected (first-pass acceptance's misses). */
  rejected: z.literal('true').optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
type ClaimsQuery = z.infer<typeof ClaimsQuerySchema>;

const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

function matches(q: ClaimsQuery, f: ClaimMoneyFacts, now: Date): boolean {
  if (q.denied && !(f.adjudicated && f.denied)) return false;
  if (q.carc && !f.denialAdjustments.some((d) => d.code === q.carc)) return false;
  if (q.rejected && !(f.attempt === 1 && f.acknowledged && f.rejected)) return false;
  if (q.aging) {
    const age = (now.getTime() - f.dateOfService.getTime()) / DAY_MS;
    if (f.insuranceBalanceCents <= 0 || agingBucketOf(age) !== q.aging) return false;
  }
  return true;
}

function describe(q: ClaimsQuery): string | undefined {
  const parts = [
    q.payer && `payer ${q.payer}`,
    q.status && `status ${q.status}`,
    q.denied && 'denied',
    q.carc && `denial ${q.carc}`,
    q.aging && `open insurance balance aged ${q.aging} days`,
    q.rejected && 'first attempt rejected',
  ].filter(Boolean);
  return parts.length ? `Showing claims with ${parts.join(', ')}.` : undefined;
}

async function listClaims(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const context = pageContext(req, 'Claims', 'claims');
  const filled = Object.fromEntries(
    Object.entries(req.query).filter(([, v]) => typeof v === 'string' && v !== ''),
  );
  const query = ClaimsQuerySchema.safeParse(filled);
  if (!query.success) {
    renderPage(res, 'not-found', context, { message: 'Those filters are not valid.' }, 400);
    return;
  }
  const q = query.data;
  const now = deps.clock();
  const [claims, balances] = await Promise.all([
    readClaims(deps.db, { payerId: q.payer, status: q.status }),
    deps.db.ledgerEntry.groupBy({
      by: ['claimId'],
      where: { account: 'INSURANCE_AR', claimId: { not: null } },
      _sum: { amountCents: true },
    }),
  ]);
  const balanceOf = new Map(balances.map((b) => [b.claimId, b._sum.amountCents ?? 0]));
  const shown = claims
    .map((c) => ({ claim: c, facts: claimFactsOf(c, balanceOf.get(c.id) ?? 0) }))
    .filter(({ facts }) => matches(q, facts, now));
  const pageRows = shown.slice((q.page - 1) * PAGE_SIZE, q.page * PAGE_SIZE);
  noteAudit(req, { detail: { drillDown: q, visitIds: [...new Set(pageRows.map((r) => r.claim.visitId))] } });
  const rows: Cell[][] = pageRows.map(({ claim, facts }) => [
    { text: claim.visitId, href: claimHref(claim.visitId) },
    { text: claim.patientControlNumber },
    { text: claim.payerId },
    { text: claim.status },
    { text: facts.dateOfService.toISOString().slice(0, 10) },
    { text: dollars(facts.chargeCents) },
    { text: dollars(facts.paidCents) },
    { text: dollars(facts.insuranceBalanceCents) },
  ]);
  const params = (page: number) =>
    `/claims?${new URLSearchParams({ ...filled, page: String(page) }).toString()}`;
  const lastPage = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  renderPage(res, 'simple-list', context, {
    heading: 'Claims',
    filterNote: describe(q),
    clearHref: '/claims',
    tableId: 'claims',
    caption: `${shown.length} claim${shown.length === 1 ? '' : 's'}, page ${q.page} of ${lastPage}`,
    columns: ['Visit', 'Claim (CLM01)', 'Payer', 'Status', 'Date of service', 'Charge', 'Paid', 'Payer owes'],
    rows,
    empty: 'No claim matches.',
    prevHref: q.page > 1 ? params(q.page - 1) : undefined,
    nextHref: q.page < lastPage ? params(q.page + 1) : undefined,
  });
}

export function claimListPages(router: Router, deps: ApiDependencies): void {
  router.get(
    '/claims',
    pageAccess(deps, 'visits.read', { action: 'page.claims' }),
    route((req, res) => listClaims(deps, req, res)),
  );
}

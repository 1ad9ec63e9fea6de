import type { Request, Response, Router } from 'express';
import type { ApiDependencies } from '../../api/dependencies';
import { noteAudit } from '../../api/audit-trail';
import { route } from '../../api/http';
import { claimHref, dollars, type Cell } from '../format';
import { pageById } from '../navigation';
import { pageAccess, pageContext } from '../page-access';
import { renderPage } from '../render';
import {
  listUnmatchedPayments,
  type MatchEvidence,
  type UnmatchedPayment,
} from '../../remittance/unmatched-payments';

const DAY_MS = 86_400_000;
const LIMIT = 200;

/** Excisions held for their pathology report, oldest first; overdue ones have an open task. */
async function pathologyWorklist(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const now = deps.clock();
  const visits = await deps.db.visit.findMany({
    where: { status: 'pathology_hold' },
    select: {
      id: true,
      dateOfService: true,
      payerId: true,
      reviewTasks: { where: { kind: 'pathology_overdue', status: 'open' }, select: { id: true } },
    },
    orderBy: { dateOfService: 'asc' },
    take: LIMIT,
  });
  noteAudit(req, { detail: { worklist: 'pathology', visitIds: visits.map((v) => v.id) } });
  const rows: Cell[][] = visits.map((v) => [
    { text: v.id, href: claimHref(v.id) },
    { text: v.dateOfService.toISOString().slice(0, 10) },
    { text: String(Math.floor((now.getTime() - v.dateOfService.getTime()) / DAY_MS)) },
    { text: v.payerId ?? 'self-pay' },
    { text: v.reviewTasks.length > 0 ? 'overdue' : 'waiting' },
  ]);
  renderPage(res, 'simple-list', pageContext(req, 'Pathology', 'pathology'), {
    heading: 'Pathology',
    intro: 'Visits whose claim waits for a pathology report. Overdue ones are escalated to a supervisor.',
    tableId: 'pathology',
    caption: `${visits.length} visit${visits.length === 1 ? '' : 's'} waiting (oldest ${LIMIT} shown)`,
    columns: ['Visit', 'Date of service', 'Waiting (days)', 'Payer', 'State'],
    rows,
    empty: 'No visit is waiting for pathology.',
  });
}

/** A suggestion in a cell: the claim, its score and why ("D12A1 (80: member id, date)"). */
function suggestionText(payment: UnmatchedPayment): string {
  if (payment.suggestions.length === 0) return 'none';
  const short: Record<MatchEvidence, string> = {
    same_member_id: 'member id',
    same_date_of_service: 'date of service',
    same_charge: 'charge',
  };
  return payment.suggestions
    .map((s) => `${s.patientControlNumber} (${s.score}: ${s.evidence.map((e) => short[e]).join(', ')})`)
    .join('; ');
}

/** 835 claim payments that matched no claim of ours, with the claims they may be for (best first). */
async function unmatchedWorklist(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const { payments, total } = await listUnmatchedPayments(deps.db, { page: 1, pageSize: 100 });
  noteAudit(req, { detail: { worklist: 'unmatched', remittanceClaimIds: payments.map((p) => p.id) } });
  const rows: Cell[][] = payments.map((u) => [
    { text: u.patientControlNumber },
    { text: u.payerId },
    { text: u.paymentDate },
    { text: u.traceNumber },
    { text: u.statusCode },
    { text: u.serviceDate ?? '' },
    { text: dollars(u.chargeCents) },
    { text: dollars(u.paidCents) },
    u.suggestions[0]
      ? { text: suggestionText(u), href: claimHref(u.suggestions[0].visitId) }
      : { text: suggestionText(u) },
  ]);
  renderPage(res, 'simple-list', pageContext(req, 'Unmatched payments', 'unmatched'), {
    heading: 'Unmatched payments',
    intro:
      'Claim payments in an 835 whose patient control number (CLP01) matches no claim, with our claims of the same payer that may be theirs (score: member id 50, date of service 30, charge 20). Match one with POST /v1/unmatched-payments/{id}/match.',
    tableId: 'unmatched',
    caption: `${total} unmatched claim payment${total === 1 ? '' : 's'} (oldest 100 shown)`,
    columns: [
      'CLP01',
      'Payer',
      'Paid on',
      'Trace (TRN02)',
      'Status',
      'Date of service',
      'Charge',
      'Paid',
      'Suggested matches',
    ],
    rows,
    empty: 'Every payment matched a claim.',
  });
}

/** Payments and reversals that came after the visit's workflow had closed: posted, for staff to follow up. */
async function lateRemittanceWorklist(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const tasks = await deps.db.reviewTask.findMany({
    where: { kind: 'late_reversal', status: 'open' },
    include: { visit: { select: { payerId: true } } },
    orderBy: { createdAt: 'asc' },
    take: LIMIT,
  });
  noteAudit(req, { detail: { worklist: 'late-remittances', visitIds: tasks.map((t) => t.visitId) } });
  const rows: Cell[][] = tasks.map((t) => [
    { text: t.visitId, href: claimHref(t.visitId) },
    { text: t.visit.payerId ?? 'self-pay' },
    { text: t.createdAt.toISOString().slice(0, 10) },
    { text: Array.isArray(t.reasons) ? t.reasons.map(String).join(' ') : '' },
  ]);
  renderPage(res, 'simple-list', pageContext(req, 'Late remittances', 'late-remittances'), {
    heading: 'Late remittances',
    intro:
      "Reversals (CLP02 22) and payments that arrived after the visit's workflow had closed. Each was posted to its claim; check the balance, the statement and any refund or rebill.",
    tableId: 'late-remittances',
    caption: `${tasks.length} open task${tasks.length === 1 ? '' : 's'} (oldest ${LIMIT} shown)`,
    columns: ['Visit', 'Payer', 'Arrived', 'What happened'],
    rows,
    empty: 'No late payment or reversal is waiting.',
  });
}

export function otherWorklistPages(router: Router, deps: ApiDependencies): void {
  const pathology = pageById('pathology');
  router.get(
    pathology.href,
    pageAccess(deps, pathology.permission, { action: 'page.pathology' }),
    route((req, res) => pathologyWorklist(deps, req, res)),
  );
  const unmatched = pageById('unmatched');
  router.get(
    unmatched.href,
    pageAccess(deps, unmatched.permission, { action: 'page.unmatched' }),
    route((req, res) => unmatchedWorklist(deps, req, res)),
  );
  const late = pageById('late-remittances');
  router.get(
    late.href,
    pageAccess(deps, late.permission, { action: 'page.late-remittances' }),
    route((req, res) => lateRemittanceWorklist(deps, req, res)),
  );
}

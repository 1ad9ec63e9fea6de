import type { Request, Response, Router } from 'express';
import type { ApiDependencies } from '../../api/dependencies';
import { noteAudit } from '../../api/audit-trail';
import { route } from '../../api/http';
import { claimHref, dollars, type Cell } from '../format';
import { pageById } from '../navigation';
import { pageAccess, pageContext } from '../page-access';
import { renderPage } from '../render';

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

/** 835 claim payments that matched no claim of ours: staff find the claim or return the money. */
async function unmatchedWorklist(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const unmatched = await deps.db.remittanceClaim.findMany({
    where: { claimId: null },
    include: { remittance: { select: { payerId: true, paymentDate: true, traceNumber: true } } },
    orderBy: { remittance: { paymentDate: 'asc' } },
    take: LIMIT,
  });
  const rows: Cell[][] = unmatched.map((u) => [
    { text: u.patientControlNumber },
    { text: u.remittance.payerId },
    { text: u.remittance.paymentDate.toISOString().slice(0, 10) },
    { text: u.remittance.traceNumber },
    { text: u.statusCode },
    { text: dollars(u.chargeCents) },
    { text: dollars(u.paidCents) },
  ]);
  renderPage(res, 'simple-list', pageContext(req, 'Unmatched payments', 'unmatched'), {
    heading: 'Unmatched payments',
    intro: 'Claim payments in an 835 whose patient control number (CLP01) matches no claim.',
    tableId: 'unmatched',
    caption: `${unmatched.length} unmatched claim payment${unmatched.length === 1 ? '' : 's'}`,
    columns: ['CLP01', 'Payer', 'Paid on', 'Trace (TRN02)', 'Status', 'Charge', 'Paid'],
    rows,
    empty: 'Every payment matched a claim.',
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
}

import type { Request, Response, Router } from 'express';
import { can, missingDecisionPermissions } from '../../auth/permissions';
import type { ApiDependencies } from '../../api/dependencies';
import { route } from '../../api/http';
import { VisitIdParamSchema } from '../../api/schemas';
import { visitPatientBalance } from '../../patient-billing/patient-balance-view';
import { queryVisitState } from '../../temporal/visit-workflows';
import type { VisitBillingState } from '../../visit-billing/messages';
import { reviewActions } from '../../visit-billing/vocabulary';
import { dollars } from '../format';
import { pageAccess, pageContext } from '../page-access';
import { renderFragment, renderPage } from '../render';

/** How long a claim page keeps watching the workflow (3 s polls) before the person refreshes it. */
export const WATCH_POLLS = 100;
const FINISHED = new Set(['closed', 'cancelled']);

/** The workflow's state, or null when it has none or Temporal is silent (the page says so). */
const stateOf = (deps: ApiDependencies, visitId: string) =>
  queryVisitState(deps.temporal, visitId).catch((): null => null);

/** What the live part of the page shows: status, open task, codes, findings, history. */
function liveView(visitId: string, state: VisitBillingState | null, watch: number) {
  const polling = state !== null && !FINISHED.has(state.status) && watch > 0;
  return {
    visitId,
    state,
    charge: (cents: number) => dollars(cents),
    next: polling ? `/claims/${encodeURIComponent(visitId)}/live?watch=${watch - 1}` : undefined,
  };
}

/** A procedure as billing staff read it: its kind and its counts (procedures hold no free text). */
function serviceLine(procedure: Record<string, unknown>): string {
  const facts = Object.entries(procedure)
    .filter(([key, v]) => key !== 'id' && key !== 'kind' && (typeof v === 'number' || v === true))
    .map(([key, v]) => (v === true ? key : `${key} ${String(v)}`));
  const lesions = Array.isArray(procedure.lesionIds) ? procedure.lesionIds.length : 0;
  if (lesions > 0) facts.unshift(`${lesions} lesion${lesions === 1 ? '' : 's'}`);
  return [String(procedure.kind).replaceAll('_', ' '), ...facts].join(' · ');
}

function servicesOf(document: unknown) {
  const doc = (document ?? {}) as { encounter?: Record<string, unknown>; procedures?: unknown[] };
  const encounter = doc.encounter
    ? [
        `${String(doc.encounter.visitType ?? 'visit')} visit, E/M level ${String(doc.encounter.emLevel ?? '—')}`,
      ]
    : [];
  const procedures = Array.isArray(doc.procedures)
    ? doc.procedures.map(
        (p) => `${String((p as { id?: unknown }).id)}: ${serviceLine(p as Record<string, unknown>)}`,
      )
    : [];
  return [...encounter, ...procedures];
}

/** The estimate another part of the product may add to the state: shown when it is there. */
function estimateOf(state: VisitBillingState | null): Array<[string, string]> {
  const estimate = (state as { estimate?: unknown } | null)?.estimate;
  if (!estimate || typeof estimate !== 'object') return [];
  return Object.entries(estimate as Record<string, unknown>)
    .filter(([key, v]) => typeof v === 'number' && key.endsWith('Cents'))
    .map(([key, v]) => [
      key
        .replace(/Cents$/, '')
        .replace(/([A-Z])/g, ' $1')
        .toLowerCase(),
      dollars(v as number),
    ]);
}

async function loadClaimPage(deps: ApiDependencies, visitId: string) {
  return deps.db.visit.findUnique({
    where: { id: visitId },
    include: {
      claims: {
        include: { statusEvents: { orderBy: { receivedAt: 'asc' } }, payments: true, adjustments: true },
        orderBy: { attempt: 'asc' },
      },
      eligibilityRuns: { orderBy: { createdAt: 'desc' }, take: 1 },
    },
  });
}

async function showClaim(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const context = pageContext(req, 'Claim', 'claims');
  const visitId = VisitIdParamSchema.safeParse(req.params.visitId);
  const visit = visitId.success ? await loadClaimPage(deps, visitId.data) : null;
  if (!visit) {
    renderPage(res, 'not-found', context, { message: 'There is no such visit.' }, 404);
    return;
  }
  const [state, patientBalance, audit] = await Promise.all([
    stateOf(deps, visit.id),
    visitPatientBalance(deps.db, visit.id),
    deps.db.auditEvent.findMany({
      where: { visitId: visit.id, NOT: [{ action: { startsWith: 'page.' } }, { action: 'amendment.check' }] },
      orderBy: { at: 'desc' },
      take: 50,
      select: { at: true, actor: true, actorRole: true, action: true, outcome: true },
    }),
  ]);
  const role = context.user!.role;
  const open = state?.openReview;
  renderPage(
    res,
    'claim',
    { ...context, title: `Claim ${visit.id}`, scripts: ['claim.js'] },
    {
      visit,
      dateOfService: visit.dateOfService.toISOString().slice(0, 10),
      live: liveView(visit.id, state, WATCH_POLLS),
      services: servicesOf(visit.document),
      eligibility: visit.eligibilityRuns[0]?.result as Record<string, unknown> | undefined,
      estimate: estimateOf(state),
      patientBalance,
      audit,
      dollars,
      canDecide: Boolean(open) && can(role, 'review.decide'),
      // Actions whose consequences the role lacks a permission for are not offered (the API refuses them too).
      actions: open
        ? reviewActions.filter(
            (action) =>
              missingDecisionPermissions(role, {
                taskKind: open.kind,
                action,
                codingErrors: state.findings.filter((f) => f.severity === 'error').length,
                assignedRole: open.assignedRole,
              }).length === 0,
          )
        : [],
    },
  );
}

async function showLive(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const visitId = VisitIdParamSchema.safeParse(req.params.visitId);
  if (!visitId.success) {
    res.status(400).type('text').send('invalid visit id');
    return;
  }
  const watch = Math.min(WATCH_POLLS, Math.max(0, Number.parseInt(String(req.query.watch ?? '0'), 10) || 0));
  renderFragment(res, 'claim-live', liveView(visitId.data, await stateOf(deps, visitId.data), watch));
}

export function claimPages(router: Router, deps: ApiDependencies): void {
  const target = (req: Request) => ({ visitId: String(req.params.visitId) });
  router.get(
    '/claims/:visitId',
    pageAccess(deps, 'visits.read', { action: 'page.claim', target }),
    route((req, res) => showClaim(deps, req, res)),
  );
  router.get(
    '/claims/:visitId/live',
    pageAccess(deps, 'visits.read', { action: 'page.claim-live', target }),
    route((req, res) => showLive(deps, req, res)),
  );
}

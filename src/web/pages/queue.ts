import type { Request, Response, Router } from 'express';
import type { Permission } from '../../auth/permissions';
import { ReviewTaskKind } from '../../db/generated/enums';
import type { ApiDependencies } from '../../api/dependencies';
import { route } from '../../api/http';
import { noteAudit } from '../../api/audit-trail';
import { isDenial } from '../../metrics/revenue-cycle';
import { listReviewTasks, ReviewQueueQuerySchema, type ReviewQueueQuery } from '../../api/review-queue';
import { pageAccess, pageContext } from '../page-access';
import { pageById } from '../navigation';
import { renderPage } from '../render';

interface TaskWorklist {
  heading: string;
  intro?: string;
  /** Filters the worklist always applies (not offered in its form). */
  fixed: Partial<ReviewQueueQuery>;
}

/** The review queue and the task worklists: one queue, each list a fixed filter of it. */
const TASK_WORKLISTS: Record<'queue' | 'denials' | 'rejections' | 'escalations', TaskWorklist> = {
  queue: { heading: 'Review queue', fixed: {} },
  denials: {
    heading: 'Denials',
    intro: 'Denied or short-paid claims: the reasons give the CARC/RARC codes and the suggested action.',
    fixed: { kind: 'denial' },
  },
  rejections: {
    heading: 'Rejections',
    intro: 'Claims the clearinghouse or payer rejected (999 / 277CA): correct and resubmit.',
    fixed: { kind: 'rejection' },
  },
  escalations: {
    heading: 'Escalations',
    intro: 'Reviews escalated to a supervisor, claims without payment after follow-ups, overdue pathology.',
    fixed: { escalated: 'true' },
  },
};

const PAGE_SIZE = 25;
const DAY_MS = 86_400_000;

/** A form sends empty fields for "any": they are no filter. */
function filledIn(query: Request['query']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '',
    ),
  );
}

function hrefOf(path: string, filters: Record<string, string>, page: number): string {
  const params = new URLSearchParams({ ...filters, page: String(page) });
  return `${path}?${params.toString()}`;
}

async function showWorklist(
  deps: ApiDependencies,
  name: keyof typeof TASK_WORKLISTS,
  req: Request,
  res: Response,
) {
  const list = TASK_WORKLISTS[name];
  const path = pageById(name).href;
  const filters = filledIn(req.query);
  delete filters.page;
  const parsed = ReviewQueueQuerySchema.safeParse({
    pageSize: PAGE_SIZE,
    ...filledIn(req.query),
    ...list.fixed,
  });
  const context = pageContext(req, list.heading, name);
  if (!parsed.success) {
    renderPage(res, 'not-found', context, { message: 'Those filters are not valid.' }, 400);
    return;
  }
  const now = deps.clock();
  const result = await listReviewTasks(deps.db, parsed.data, now);
  noteAudit(req, { detail: { worklist: name, visitIds: [...new Set(result.tasks.map((t) => t.visitId))] } });
  const lastPage = Math.max(1, Math.ceil(result.total / result.pageSize));
  const carcs =
    name === 'denials'
      ? await denialCodesByVisit(
          deps,
          result.tasks.map((t) => t.visitId),
        )
      : undefined;
  renderPage(res, 'queue', context, {
    carcs,
    ...list,
    path,
    query: parsed.data,
    kinds: Object.values(ReviewTaskKind),
    lastPage,
    result: {
      ...result,
      tasks: result.tasks.map((t) => ({
        ...t,
        ageDays: Math.floor((now.getTime() - t.createdAt.getTime()) / DAY_MS),
      })),
    },
    prevHref: result.page > 1 ? hrefOf(path, filters, result.page - 1) : undefined,
    nextHref: result.page < lastPage ? hrefOf(path, filters, result.page + 1) : undefined,
  });
}

/** The CARCs of each visit's denial adjustments ("CO-4"), for the denials worklist. */
async function denialCodesByVisit(deps: ApiDependencies, visitIds: string[]): Promise<Map<string, string[]>> {
  const adjustments = await deps.db.adjustment.findMany({
    where: { claim: { visitId: { in: visitIds } } },
    select: { groupCode: true, reasonCode: true, claim: { select: { visitId: true } } },
  });
  const codes = new Map<string, Set<string>>();
  for (const a of adjustments.filter(isDenial)) {
    const set = codes.get(a.claim.visitId) ?? new Set<string>();
    set.add(`${a.groupCode}-${a.reasonCode}`);
    codes.set(a.claim.visitId, set);
  }
  return new Map([...codes].map(([visitId, set]) => [visitId, [...set].sort()]));
}

export function taskWorklistPages(router: Router, deps: ApiDependencies): void {
  for (const name of Object.keys(TASK_WORKLISTS) as Array<keyof typeof TASK_WORKLISTS>) {
    const page = pageById(name);
    router.get(
      page.href,
      pageAccess(deps, page.permission as Permission, { action: `page.${name}` }),
      route((req, res) => showWorklist(deps, name, req, res)),
    );
  }
}

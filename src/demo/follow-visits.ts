import { Presets, SingleBar } from 'cli-progress';
import type { VisitDocumentInput } from '../visit/schema';
import { describeFetchError, getStaff, postVisitCompleted, type ApiTarget } from './api-client';

/** The parts of `GET /v1/visits/:id` the demo reads. */
export interface VisitView {
  status: string;
  workflow: { paidCents?: number; patientResponsibilityCents?: number } | null;
  claims: Array<{
    attempt: number;
    payerSequence?: 'P' | 'S' | 'T';
    submittedAt: string | null;
    paidAt: string | null;
    totalChargeCents: number;
  }>;
  ledger: { insuranceBalanceCents: number; patientBalanceCents: number };
  reviewTasks: Array<{ status: string; kind: string }>;
  patientEstimate?: { basis: string; totalCents: number } | null;
  decisionReasons?: Array<{ code: string; message: string }>;
}

export interface PostFailure {
  visitId: string;
  status: number;
  error: string;
}

export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  });
  await Promise.all(runners);
  return results;
}

export function progressBar(label: string, enabled: boolean): SingleBar | null {
  if (!enabled) return null;
  return new SingleBar(
    {
      format: `${label.padEnd(8)} [{bar}] {value}/{total} {percentage}% | {duration_formatted}`,
      hideCursor: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
}

/** Posts every visit, signed; returns the accepted visit ids and the refusals. */
export async function postVisits(
  target: ApiTarget,
  visits: VisitDocumentInput[],
  options: { concurrency: number; progress: boolean },
): Promise<{ accepted: string[]; postFailures: PostFailure[] }> {
  const postFailures: PostFailure[] = [];
  const accepted: string[] = [];
  const bar = progressBar('posting', options.progress);
  bar?.start(visits.length, 0);
  await mapLimit(visits, options.concurrency, async (visit) => {
    try {
      const response = await postVisitCompleted(target, JSON.stringify(visit));
      if (response.status === 202) accepted.push(visit.visitId);
      else
        postFailures.push({
          visitId: visit.visitId,
          status: response.status,
          error: JSON.stringify(response.body).slice(0, 300),
        });
    } catch (error) {
      throw new Error(describeFetchError(error, target.apiUrl), { cause: error });
    } finally {
      bar?.increment();
    }
  });
  bar?.stop();
  return { accepted, postFailures };
}

async function fetchView(target: ApiTarget, visitId: string): Promise<VisitView | null> {
  const response = await getStaff(target, `/v1/visits/${encodeURIComponent(visitId)}`);
  if (response.status === 401 || response.status === 403)
    throw new Error(
      `the API refused the staff API key (${response.status}): set DERMCLAIMS_API_KEY to a biller's key`,
    );
  return response.status === 200 ? (response.body as VisitView) : null;
}

/** Polls the visits until each one's view satisfies `settled` or the deadline passes. */
export async function followVisits(
  target: ApiTarget,
  visitIds: string[],
  options: {
    settled: (view: VisitView) => boolean;
    label: string;
    deadline: number;
    concurrency: number;
    pollIntervalMs: number;
    progress: boolean;
  },
): Promise<{ views: Map<string, VisitView>; pending: string[] }> {
  const views = new Map<string, VisitView>();
  const pending = new Set(visitIds);
  const bar = progressBar(options.label, options.progress);
  bar?.start(visitIds.length, 0);
  while (pending.size > 0) {
    await mapLimit([...pending], options.concurrency, async (visitId) => {
      const view = await fetchView(target, visitId);
      if (!view) return;
      views.set(visitId, view);
      if (options.settled(view)) pending.delete(visitId);
    });
    bar?.update(visitIds.length - pending.size);
    if (pending.size === 0 || Date.now() >= options.deadline) break;
    await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs));
  }
  bar?.stop();
  return { views, pending: [...pending] };
}

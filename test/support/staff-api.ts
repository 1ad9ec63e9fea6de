import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Express } from 'express';
import { createApiApp, type ApiDependencies } from '../../src/api/app';
import type { AuthPolicy } from '../../src/api/auth';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import { createLogger } from '../../src/logger';
import {
  visitWorkflowId,
  type ReviewDecision,
  type VisitBillingState,
} from '../../src/visit-billing/messages';
import { defaultBillingTimers } from '../../src/visit-billing/vocabulary';
import { createTestDatabase, type TestDatabase } from './database';

export interface DeliveredSignal {
  workflowId: string;
  signal: string;
  payload: unknown;
}

/**
 * The API on a scratch database with a stand-in for Temporal: tests set each visit's workflow
 * state (what the claimState query answers) and read the signals the API sent.
 */
export interface StaffApi {
  app: Express;
  database: TestDatabase;
  states: Map<string, VisitBillingState>;
  signals: DeliveredSignal[];
  /** Workflows that close between the API's query and its signal (the race a 409 answers). */
  closeBeforeSignal: Set<string>;
  /** Workflows whose query never answers (Temporal down, no worker). */
  silent: Set<string>;
  /** The API's clock: each reading is 1 ms after the last (events keep their order); tests move it. */
  clock: { now: Date };
  close(): Promise<void>;
}

export async function startStaffApi(
  auth?: AuthPolicy,
  overrides: Partial<ApiDependencies> = {},
): Promise<StaffApi> {
  const database = await createTestDatabase();
  const states = new Map<string, VisitBillingState>();
  const signals: DeliveredSignal[] = [];
  const closeBeforeSignal = new Set<string>();
  const silent = new Set<string>();
  const clock = { now: new Date('2026-11-20T15:00:00Z') };
  const temporal = {
    withDeadline: <T>(_deadline: number, run: () => Promise<T>) => run(),
    workflow: {
      getHandle: (workflowId: string) => ({
        query: async () => {
          if (silent.has(workflowId)) throw new Error('deadline exceeded');
          const state = [...states.values()].find((s) => visitWorkflowId(s.visitId) === workflowId);
          if (!state)
            throw new WorkflowNotFoundError(`workflow ${workflowId} not found`, workflowId, undefined);
          return state;
        },
        // A visit with a state is a running workflow; any other has none (never ran, or closed).
        describe: async () => {
          const state = [...states.values()].find((s) => visitWorkflowId(s.visitId) === workflowId);
          if (!state)
            throw new WorkflowNotFoundError(`workflow ${workflowId} not found`, workflowId, undefined);
          return { workflowId, status: { name: 'RUNNING' } };
        },
        signal: async (definition: { name: string } | string, payload: unknown) => {
          if (closeBeforeSignal.has(workflowId))
            throw new WorkflowNotFoundError(`workflow ${workflowId} not found`, workflowId, undefined);
          signals.push({
            workflowId,
            signal: typeof definition === 'string' ? definition : definition.name,
            payload,
          });
        },
        // Staff decisions arrive as the decideReview Update; the stand-in applies every one.
        executeUpdate: async (definition: { name: string }, options: { args: [ReviewDecision] }) => {
          const [decision] = options.args;
          signals.push({ workflowId, signal: definition.name, payload: decision });
          const state = [...states.values()].find((s) => visitWorkflowId(s.visitId) === workflowId);
          const taskId = decision.taskId ?? state?.openReview?.taskId ?? 'none';
          return { outcome: 'applied', taskId, action: decision.action };
        },
      }),
    },
  } as unknown as Client;
  const app = createApiApp({
    db: database.db,
    temporal,
    taskQueue: 'test',
    timers: defaultBillingTimers,
    feeSchedule: defaultFeeSchedule,
    webhook: { secret: 'staff-api-test-webhook-secret', toleranceSeconds: 300 },
    auth,
    logger: createLogger('fatal'),
    clock: () => {
      const now = clock.now;
      clock.now = new Date(now.getTime() + 1);
      return now;
    },
    ...overrides,
  });
  return { app, database, states, signals, closeBeforeSignal, silent, clock, close: () => database.drop() };
}

/** A workflow waiting on staff, as the claimState query reports it. */
export function heldVisit(
  visitId: string,
  review: { kind: NonNullable<VisitBillingState['openReview']>['kind']; codingErrors?: number },
): VisitBillingState {
  return {
    visitId,
    status: 'needs_review',
    attempt: 0,
    lines: [],
    selfPayLines: [],
    diagnosisCodes: ['L57.0'],
    findings: Array.from({ length: review.codingErrors ?? 0 }, (_, i) => ({
      ruleId: `TEST-ERROR-${i}`,
      severity: 'error' as const,
      message: 'a coding error',
      evidence: [],
    })),
    openReview: {
      taskId: `${visitId}:${review.kind}:1`,
      kind: review.kind,
      reasons: ['test'],
      remindersSent: 0,
    },
    pendingPathologyLesionIds: [],
    history: [],
  };
}

/** A stored visit row, so GET /v1/visits/:id has something to show. */
export async function storeTestVisit(database: TestDatabase, visitId: string): Promise<void> {
  await database.db.visit.create({
    data: {
      id: visitId,
      practiceId: 'PRACTICE-1',
      dateOfService: new Date('2026-11-02'),
      payerId: 'BCBS1',
      document: {},
      workflowId: visitWorkflowId(visitId),
    },
  });
}

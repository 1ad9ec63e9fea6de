import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { BillingActivities } from '../../activities';
import type { CreatedSecondaryClaim } from '../../activities/secondary-claims';
import { remittanceReceivedSignal } from '../../workflows/messages';
import { timeSkippingEnvironment } from '../support/temporal';
import { callsTo, mockActivities, type ActivityCalls } from './mock-activities';
import { deliverAcceptanceAndPayment, runVisit } from './visit-runner';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await timeSkippingEnvironment();
});
afterAll(async () => {
  await env?.teardown();
});

/** The visit has a secondary and a tertiary coverage: each settled claim leaves the patient a share. */
function nextPayers(calls: ActivityCalls, crossover = false): Partial<BillingActivities> {
  return {
    createSecondaryClaim: async (input) => {
      calls.push({ name: 'createSecondaryClaim', input });
      const { attempt } = input;
      if (attempt > 3) return null;
      const claim: CreatedSecondaryClaim = {
        claimId: `clm-${attempt}`,
        patientControlNumber: `PCN${attempt}`,
        totalChargeCents: 25500,
        payerSequence: attempt === 2 ? 'S' : 'T',
        transferredCents: 3825,
      };
      if (crossover && attempt === 2) claim.crossover = { crossedOverPcn: 'PCN1', payerId: 'SUPPL1' };
      return claim;
    },
  };
}

test('a paid primary with a patient share goes to the secondary, then the tertiary, then the patient', async () => {
  const calls: ActivityCalls = [];
  const activities = mockActivities(calls, nextPayers(calls));
  const { result } = await runVisit(env, activities, async (h) => {
    for (const pcn of ['PCN1', 'PCN2', 'PCN3']) await deliverAcceptanceAndPayment(h, pcn);
  });
  expect(result.status).toBe('closed');
  expect(result.payerSequence).toBe('T');
  expect(result.history.map((h) => h.status)).toEqual([
    'coding',
    'eligibility',
    'submitted',
    'accepted',
    'paid',
    'submitted',
    'accepted',
    'paid',
    'submitted',
    'accepted',
    'paid',
    'patient_billed',
    'closed',
  ]);
  expect(callsTo(calls, 'createSecondaryClaim')).toEqual([
    { visitId: result.visitId, previousClaimId: 'clm-1', attempt: 2 },
    { visitId: result.visitId, previousClaimId: 'clm-2', attempt: 3 },
    { visitId: result.visitId, previousClaimId: 'clm-3', attempt: 4 },
  ]);
  expect(callsTo(calls, 'submitClaim')).toEqual([
    { claimId: 'clm-1' },
    { claimId: 'clm-2' },
    { claimId: 'clm-3' },
  ]);
  expect(callsTo(calls, 'postRemittance').map((c) => (c as { claimId: string }).claimId)).toEqual([
    'clm-1',
    'clm-2',
    'clm-3',
  ]);
  // Each later payer took over what the patient owed; the last one's 835 says what stays.
  expect(result.patientResponsibilityCents).toBe(3825);
  expect(result.paidCents).toBe(3 * 15300);
});

test('a crossover sends no secondary 837P: the crossover 835 (same CLP01, read first) posts to the secondary claim', async () => {
  const calls: ActivityCalls = [];
  const crossover = nextPayers(calls, true).createSecondaryClaim!;
  const activities = mockActivities(calls, {
    createSecondaryClaim: async (input) => (input.attempt === 2 ? crossover(input) : null),
  });
  const { result } = await runVisit(env, activities, async (h) => {
    // Documents are read in parallel: the crossover payer's 835 may arrive before the primary's.
    await h.signal(remittanceReceivedSignal, {
      documentId: 'DOC-835-SUPPL1',
      remittanceClaimId: 'RC-CROSSOVER',
      patientControlNumber: 'PCN1',
      statusCode: '2',
      payerId: 'SUPPL1',
    });
    await deliverAcceptanceAndPayment(h, 'PCN1');
  });
  expect(result.status).toBe('closed');
  expect(result.payerSequence).toBe('S');
  expect(callsTo(calls, 'submitClaim')).toEqual([{ claimId: 'clm-1' }]);
  expect(callsTo(calls, 'postRemittance')).toEqual([
    { claimId: 'clm-1', remittanceClaimId: 'RC-PCN1' },
    { claimId: 'clm-2', remittanceClaimId: 'RC-CROSSOVER' },
  ]);
});

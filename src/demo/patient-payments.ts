import { postStaff, type ApiTarget } from './api-client';
import { mapLimit, type VisitView } from './follow-visits';

export interface PatientPaymentsSummary {
  /** Visits that owed a balance after insurance or for self-pay services. */
  visitsBilled: number;
  paymentsPosted: number;
  paidCents: number;
  failures: Array<{ visitId: string; status: number; error: string }>;
}

/**
 * The patients pay what they owe, as a front desk would take it: every third visit in two parts
 * (a check for half, then the rest by card), the others at once by card. Each payment carries an
 * idempotency key derived from the run, so a repeated request posts nothing twice.
 */
function paymentsFor(visitId: string, index: number, balanceCents: number) {
  const whole = { visitId, amountCents: balanceCents, method: 'card' as const, reference: 'tok_visa' };
  if (index % 3 !== 0 || balanceCents < 200) return [whole];
  const half = Math.floor(balanceCents / 2);
  return [
    { visitId, amountCents: half, method: 'check' as const, reference: `CHK${1000 + index}` },
    { ...whole, amountCents: balanceCents - half },
  ];
}

export async function payPatientBalances(
  target: ApiTarget,
  runId: string,
  views: Map<string, VisitView>,
  concurrency: number,
): Promise<PatientPaymentsSummary> {
  const owing = [...views.entries()]
    .filter(([, view]) => view.status === 'patient_billed' && view.ledger.patientBalanceCents > 0)
    .map(([visitId, view], index) => ({ visitId, index, balanceCents: view.ledger.patientBalanceCents }));
  const summary: PatientPaymentsSummary = {
    visitsBilled: owing.length,
    paymentsPosted: 0,
    paidCents: 0,
    failures: [],
  };
  await mapLimit(owing, concurrency, async ({ visitId, index, balanceCents }) => {
    for (const [part, payment] of paymentsFor(visitId, index, balanceCents).entries()) {
      const key = `${runId}-${visitId}-${part + 1}`;
      const response = await postStaff(target, '/v1/patient-payments', payment, key);
      if (response.status !== 201 && response.status !== 200) {
        const error = JSON.stringify(response.body).slice(0, 300);
        summary.failures.push({ visitId, status: response.status, error });
        return;
      }
      summary.paymentsPosted += 1;
      summary.paidCents += payment.amountCents;
    }
  });
  return summary;
}

import type { VisitDocumentInput } from '../../src/visit/schema';

/** A member id of its own per visit: the sandbox payer denies an identical claim as a duplicate (CO-18). */
function memberIdFor(visitId: string): string {
  let hash = 7;
  for (const ch of visitId) hash = (hash * 31 + ch.charCodeAt(0)) % 1_000_000;
  return `MBR${String(hash).padStart(6, '0')}`;
}

/** An established patient: E/M with modifier 25 plus destruction of three actinic keratoses. */
export function actinicKeratosisVisit(visitId: string, memberId = memberIdFor(visitId)): VisitDocumentInput {
  return {
    schemaVersion: '1',
    eventId: `EV-${visitId}`,
    visitId,
    practiceId: 'PRAC-001',
    completedAt: '2026-11-20T17:30:00Z',
    dateOfService: '2026-11-20',
    patient: {
      id: 'MRN-77801',
      firstName: 'Elena',
      lastName: 'Fischer',
      dateOfBirth: '1951-04-17',
      sex: 'F',
      address: { line1: '12 Oak Avenue', city: 'Springfield', state: 'IL', postalCode: '62704' },
    },
    coverage: {
      payerId: 'BCBS1',
      payerName: 'SANDBOX BLUE PPO',
      payerType: 'commercial',
      memberId,
      relationship: 'self',
    },
    renderingProvider: {
      npi: '1679576722',
      firstName: 'Maya',
      lastName: 'Lindqvist',
      taxonomy: '207N00000X',
    },
    encounter: { visitType: 'established', emLevel: 3, emSeparatelyIdentifiable: true },
    procedures: [{ id: 'P1', kind: 'destruction_premalignant', lesionCount: 3 }],
    diagnoses: [{ code: 'L57.0', procedureIds: ['P1'] }, { code: 'L30.9' }],
  };
}

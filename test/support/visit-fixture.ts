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

/**
 * A schema-version-2 visit: Mohs of a nasal BCC closed with a full-thickness graft (its donor-site
 * closure included), a tangential biopsy of the helix (69100), and keloids injected with
 * triamcinolone documented by dose (25 mg → 3 units) with the vial's NDC.
 */
export function mohsGraftVisitV2(visitId: string, memberId = memberIdFor(visitId)): VisitDocumentInput {
  const base = actinicKeratosisVisit(visitId, memberId);
  return {
    ...base,
    schemaVersion: '2',
    encounter: { visitType: 'established' },
    lesions: [
      { id: 'L1', site: { region: 'nose' }, diameter: { value: 1.1, unit: 'cm' } },
      { id: 'L2', site: { region: 'ear' }, diameter: { value: 0.4, unit: 'cm' } },
    ],
    procedures: [
      { id: 'P1', kind: 'mohs', lesionIds: ['L1'], mohsStages: [{ blocks: 2 }] },
      {
        id: 'P2',
        kind: 'skin_graft',
        lesionIds: ['L1'],
        graft: { thickness: 'full', areaSqCm: 4.5, donorSite: { region: 'neck' } },
      },
      {
        id: 'P3',
        kind: 'repair_intermediate',
        graftDonorSiteOf: 'P2',
        repairLength: { value: 3, unit: 'cm' },
      },
      { id: 'P4', kind: 'biopsy_tangential', lesionIds: ['L2'] },
      {
        id: 'P5',
        kind: 'intralesional_injection',
        lesionCount: 2,
        drugs: [
          {
            hcpcs: 'J3301',
            dose: { value: 25, unit: 'mg' },
            ndc: { code: '0003-0293-20', quantity: 2.5, unit: 'ML' },
          },
        ],
      },
    ],
    diagnoses: [
      { code: 'C44.311', lesionIds: ['L1'] },
      { code: 'D48.5', lesionIds: ['L2'] },
      { code: 'L91.0', procedureIds: ['P5'] },
    ],
  };
}

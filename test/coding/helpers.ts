import {
  VisitCompletedEventSchema,
  type VisitCompletedEvent,
  type VisitDocumentInput,
} from '../../src/visit/schema';

export type VisitPatch = Partial<Omit<VisitDocumentInput, 'encounter' | 'coverage'>> & {
  encounter?: Partial<VisitDocumentInput['encounter']>;
  /** Payer type, or null for a self-pay patient (no coverage). */
  payer?: 'medicare' | 'medicare_advantage' | 'commercial' | 'medicaid' | null;
  /** Payer id (NM1*PR) instead of the payer type's test id, e.g. a payer with its own policy. */
  payerId?: string;
};

const PAYER_NAMES = {
  medicare: ['MCRB1', 'Medicare Part B'],
  medicare_advantage: ['MAPLN', 'Medicare Advantage Plan'],
  commercial: ['COMM1', 'Commercial Health Plan'],
  medicaid: ['MCAID', 'State Medicaid'],
} as const;

/** A complete, schema-valid visit document with the given clinical content. */
export function visitDocument(patch: VisitPatch, id = 'v1'): VisitDocumentInput {
  const payer = patch.payer === undefined ? 'commercial' : patch.payer;
  const { payer: _payer, payerId, encounter, ...rest } = patch;
  return {
    schemaVersion: '1',
    eventId: `evt-${id}`,
    visitId: `visit-${id}`,
    practiceId: 'practice-1',
    completedAt: '2025-06-02T15:30:00-04:00',
    dateOfService: '2025-06-02',
    patient: {
      id: 'pat-1',
      firstName: 'Alex',
      lastName: 'Rivera',
      dateOfBirth: '1950-03-14',
      sex: 'F',
      address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701' },
    },
    ...(payer
      ? {
          coverage: {
            payerId: payerId ?? PAYER_NAMES[payer][0],
            payerName: PAYER_NAMES[payer][1],
            payerType: payer,
            memberId: 'MEM-12345',
            relationship: 'self' as const,
          },
        }
      : {}),
    renderingProvider: { npi: '1234567893', firstName: 'Dana', lastName: 'Lee', taxonomy: '207N00000X' },
    encounter: { visitType: 'established', ...encounter },
    diagnoses: [],
    ...rest,
  } as VisitDocumentInput;
}

export function visit(patch: VisitPatch, id = 'v1'): VisitCompletedEvent {
  return VisitCompletedEventSchema.parse(visitDocument(patch, id));
}

export const cm = (value: number) => ({ value, unit: 'cm' as const });
export const mm = (value: number) => ({ value, unit: 'mm' as const });

import type { BillingProvider } from '../claims/types';

/** The practice's billing identity and clearinghouse enrolment (configuration, not patient data). */
export interface PracticeProfile {
  billingProvider: BillingProvider;
  submitter: { name: string; id: string; contactName: string; contactPhone: string };
  receiver: { name: string; id: string };
}

export const demoPracticeProfile: PracticeProfile = {
  billingProvider: {
    organizationName: 'Riverside Dermatology Group',
    npi: '1234567893',
    taxId: '731234567',
    taxonomy: '207N00000X',
    address: { line1: '100 Main Street', city: 'Springfield', state: 'IL', postalCode: '627010001' },
  },
  submitter: {
    name: 'Riverside Dermatology Group',
    id: 'DERMCLAIMS01',
    contactName: 'Billing Office',
    contactPhone: '2175550100',
  },
  receiver: { name: 'DERMCLAIMS SANDBOX CLEARINGHOUSE', id: 'SANDBOXCH' },
};

/** STC01-1 claim status category codes (X12 code list 507), short plain-words meanings. */
export const STATUS_CATEGORIES: Record<string, string> = {
  A0: 'Acknowledgement/forwarded: the claim was forwarded to another entity',
  A1: 'Acknowledgement/receipt: the claim has been received',
  A2: 'Acknowledgement/acceptance into adjudication system',
  A3: 'Acknowledgement/returned as unprocessable claim',
  A4: 'Acknowledgement/not found',
  A5: 'Acknowledgement/split claim',
  A6: 'Acknowledgement/rejected for missing information',
  A7: 'Acknowledgement/rejected for invalid information',
  A8: 'Acknowledgement/rejected for relational field in error',
  P0: 'Pending: adjudication/details',
  P1: 'Pending/in process',
  P2: 'Pending/payer review',
  P3: 'Pending/provider requested information',
  P4: 'Pending/patient requested information',
  P5: 'Pending/payer administrative/system hold',
  F0: 'Finalized',
  F1: 'Finalized/payment',
  F2: 'Finalized/denial',
  F3: 'Finalized/revised',
  F3F: 'Finalized/forwarded',
  F3N: 'Finalized/not forwarded',
  F4: 'Finalized/adjudication complete, no payment forthcoming',
  F5: 'Finalized/cannot process',
  D0: 'Data search unsuccessful',
  E0: 'Response not possible: error on submitted request data',
  E1: 'Response not possible: system status',
  E2: 'Information holder is not responding',
  E3: 'Correction required: relational fields in error',
  E4: 'Trading partner agreement specific requirement not met',
};

export function describeStatus(category: string, status: string): string {
  return `${category}:${status} ${STATUS_CATEGORIES[category] ?? 'unknown category'}`;
}

/** Categories that mean the claim got into the payer's (or clearinghouse's) system. */
export function isAcceptedCategory(category: string): boolean {
  return category === 'A0' || category === 'A1' || category === 'A2' || category === 'A5';
}

export { visitBillingWorkflowV2 } from './visit-billing';
/** Frozen v1, registered for runs started before v2 (see its header for when to remove it). */
export { visitBillingWorkflow } from './legacy/visit-billing-v1';
export { clearinghouseInboxWorkflow } from './clearinghouse-inbox';
export { timelyFilingSweepWorkflow } from './timely-filing';

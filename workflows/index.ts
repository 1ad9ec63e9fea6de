export { visitBillingWorkflow } from './visit-billing';
export { clearinghouseInboxWorkflow } from './clearinghouse-inbox';

import { defineSearchAttributeKey } from '@temporalio/common';

/**
 * Custom search attributes every case workflow keeps up to date, so operators can filter cases in
 * the Temporal Web UI and with `temporal workflow list --query`. `npm start` and the tests register
 * them on the dev server; docker-compose registers them in its namespace job.
 */
export const SA_CASE_KIND = defineSearchAttributeKey('RiskdeskCaseKind', 'KEYWORD');
export const SA_STATE = defineSearchAttributeKey('RiskdeskState', 'KEYWORD');
export const SA_SEVERITY = defineSearchAttributeKey('RiskdeskSeverity', 'KEYWORD');
export const SA_SELLER_ID = defineSearchAttributeKey('RiskdeskSellerId', 'KEYWORD');
export const SA_ASSIGNEE = defineSearchAttributeKey('RiskdeskAssignee', 'KEYWORD');
export const SA_BREACHED = defineSearchAttributeKey('RiskdeskBreached', 'BOOL');

export const RISKDESK_SEARCH_ATTRIBUTES = [SA_CASE_KIND, SA_STATE, SA_SEVERITY, SA_SELLER_ID, SA_ASSIGNEE, SA_BREACHED];

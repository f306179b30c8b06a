/** Case severities, shared by every case kind, the SLA policy and the API. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

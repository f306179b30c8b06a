/**
 * The escalation vocabulary the forms offer, imported from the workflow code that defines it (one
 * declaration per constant, in files without Temporal imports): the options never drift from what the API accepts.
 */
export { CASE_CLOCKS as CLOCKS, RESOLUTION_CODES, ROOT_CAUSES, ESCALATION_STATUSES } from '../../../workflows/escalation/escalation.vocabulary';
export { HANDOFF_OUTCOMES } from '../../../workflows/handoff/handoff.vocabulary';
export { HANDOFF_TEAMS } from '../../../workflows/common/actor';
export { SEVERITIES } from '../../../workflows/common/severity';

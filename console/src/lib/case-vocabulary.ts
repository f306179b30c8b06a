/**
 * The escalation vocabulary the forms offer, imported from the workflow code that defines it (one
 * declaration per constant): the options can never drift from what the API accepts.
 */
export { CLOCKS, HANDOFF_OUTCOMES, RESOLUTION_CODES, ROOT_CAUSES, ESCALATION_STATUSES } from '../../../workflows/escalation/escalation.machine';
export { HANDOFF_TEAMS } from '../../../workflows/common/actor';
export { SEVERITIES } from '../../../workflows/common/severity';

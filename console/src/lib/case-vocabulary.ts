/**
 * The escalation vocabulary the forms offer, imported from the workflow code that defines it (one
 * declaration per constant, in files without Temporal imports): the options never drift from what the API accepts.
 */
export {
  CASE_CLOCKS as CLOCKS,
  ESCALATION_CATEGORIES as CATEGORIES,
  ESCALATION_STATUSES,
  RESOLUTION_CODES,
  ROOT_CAUSES,
  UPSTREAM_TEAMS,
} from '../../../workflows/escalation/escalation.vocabulary';
export { HANDOFF_OUTCOMES } from '../../../workflows/handoff/handoff.vocabulary';
export { CASE_KINDS, HANDOFF_TEAMS } from '../../../workflows/common/actor';
export { SEVERITIES } from '../../../workflows/common/severity';

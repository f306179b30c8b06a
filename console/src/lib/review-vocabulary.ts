/** The strategic review vocabulary the forms offer, imported from the workflow code that defines it (no Temporal imports there). */
export { CHECK_FINDINGS, CONSULTATION_RESPONSES, DECISIONS, REASON_CODES, REVIEW_STATUSES } from '../../../workflows/strategic-review/review.vocabulary';

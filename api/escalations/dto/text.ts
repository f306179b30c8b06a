/** Longest free text the workflow accepts (the escalation machine's limit). */
export const MAX_TEXT = 4000;

/**
 * Lengths of time in milliseconds, the unit every instant and duration in Riskdesk is kept in. Fixed
 * lengths only: a calendar day or week in a time zone is not always this long (business-calendar.ts
 * and the metrics' periods work in local time where that matters).
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

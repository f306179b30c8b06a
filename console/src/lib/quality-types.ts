/** The decision-quality API's answers as the console reads them (api/quality/*.response.ts). */

export interface Interval {
  low: number;
  high: number;
}

export interface QaStatement {
  decision: string;
  reason: string | null;
  by?: string;
  processError?: boolean;
  notes?: string;
}

/** GET /qa-reviews/:reviewId: `makerDecision` is null while the review is blind. */
export interface QaReview {
  reviewId: string;
  caseId: string;
  decisionKind: string;
  team: string;
  mode: string;
  status: 'awaiting_review' | 'adjudicating' | 'agreed' | 'adjudicated';
  makerId: string;
  reviewerId: string | null;
  queuedReason: string | null;
  evidence: Record<string, unknown>;
  makerDecision: QaStatement | null;
  reviewerDecision: QaStatement | null;
  adjudication: QaStatement | null;
  errorTypes: string[];
  holdStatus: string;
}

export interface ScorecardFigures {
  volume: number;
  medianHandleTimeMs: number | null;
  slaAttainment: number | null;
  qa: { reviewed: number; correct: number; accuracy: number | null; interval: Interval | null; errors: Record<string, number> };
  overturned: number;
  reinstatementRate: number | null;
  reinstatement: { decided: number; reinstated: number; interval: Interval | null };
  restumbleRate: number | null;
  restumble: { reinstatedSellers: number; watching: number; observed: number; restumbled: number; interval: Interval | null };
}

export interface Scorecard extends ScorecardFigures {
  userId: string;
  team: string;
  from: string;
  to: string;
  weeks: Array<ScorecardFigures & { weekStart: string }>;
}

export interface CalibrationSession {
  id: string;
  team: string;
  title: string;
  status: 'open' | 'closed';
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
  questions: Array<{ id: string; label: string; options: string[] }>;
  items: Array<{ position: number; caseId: string | null; prompt: string; golden: Array<{ questionId: string; answer: string }> | null }>;
  participants: Array<{ userId: string; answered: number }>;
  myAnswers: Array<{ position: number; questionId: string; answer: string }>;
}

export interface CalibrationSessionSummary {
  id: string;
  title: string;
  status: 'open' | 'closed';
  createdBy: string;
  createdAt: string;
  items: number;
  participants: string[];
}

export interface Agreement {
  units: number;
  statistic: string;
  value: number | null;
  band: string | null;
  krippendorffAlpha: number | null;
  percentAgreement: number | null;
}

export interface Accuracy {
  graded: number;
  correct: number;
  accuracy: number | null;
  interval: Interval | null;
}

export interface CalibrationReport {
  sessionId: string;
  title: string;
  items: number;
  overall: Agreement;
  questions: Array<Agreement & { questionId: string; label: string }>;
  participants: Array<{ userId: string; answered: number; overall: Accuracy; byQuestion: Array<Accuracy & { questionId: string }> }>;
}

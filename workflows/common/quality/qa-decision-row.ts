import type { NotifyInput, TaskRow } from '../case-projection';
import type { DecisionStatement, ErrorType } from './error-types';
import type { QaMode } from './sampling-policy';

/** A decision's QA row in the read model (qa_decisions), as the QA review workflow projects it. */
export interface QaDecisionRow {
  id: string;
  caseId: string;
  decisionKind: string;
  team: string;
  makerId: string;
  reviewerId: string | null;
  mode: QaMode;
  stratum: string;
  rate: number;
  sampled: boolean;
  status: 'not_sampled' | 'awaiting_review' | 'adjudicating' | 'agreed' | 'adjudicated';
  makerDecision: DecisionStatement;
  reviewerDecision: DecisionStatement | null;
  correctDecision: DecisionStatement | null;
  errorTypes: ErrorType[];
  adjudicatedBy: string | null;
  decidedAt: number;
  closedAt: number | null;
}

export interface ProjectQaDecisionInput {
  row: QaDecisionRow;
  projectionSeq: number;
  tasks: TaskRow[];
  /** Notifications of these changes, written in the same transaction (see ProjectCaseInput.notices). */
  notices?: NotifyInput[];
}

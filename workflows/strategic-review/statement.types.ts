import type { Decision, ReasonCode } from './review.vocabulary';

/** The statement of reasons the seller receives (EU Digital Services Act, Art. 17(3)). */
export interface StatementOfReasons {
  id: string;
  caseId: string;
  sellerId: string;
  issuedAt: number;
  /** (a) the measure and its territorial scope and duration. */
  measure: { decision: Decision; description: string; scope: string; territorialScope: string; durationDays: number | null; startsAt: number; endsAt: number | null };
  /** (b) the facts and circumstances relied on. */
  facts: string[];
  /** (c) whether automated means were used in detecting or deciding. */
  automation: { detection: boolean; decision: false; description: string };
  /** (d)/(e) the legal or contractual ground and why the facts fall under it. */
  ground: { type: 'contractual'; reasonCode: ReasonCode; policyCitation: string; explanation: string };
  /** (f) the redress available to the seller. */
  redress: string[];
}

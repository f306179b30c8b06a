/** The API's answers, as the console reads them (see the API's OpenAPI document at /docs). */

export interface Me {
  userId: string;
  name: string;
  role: string;
  team: string;
  teamLead: boolean;
}

export interface ConsoleConfig {
  devSignIn: boolean;
  temporalUiUrl: string | null;
  temporalNamespace: string;
}

export interface DevUser {
  userId: string;
  name: string;
  role: string;
  team: string;
}

export interface AllowedAction {
  action: string;
  method: 'POST';
  href: string;
}

export interface Clock {
  id: string;
  kind: string;
  status: string;
  calendarId: string;
  budgetMs: number;
  startedAt: string;
  warnAt: string;
  deadlineAt: string;
  warned: boolean;
  breachedAt: string | null;
  stoppedAt: string | null;
  pauses: { at: string; reason: string; resumedAt: string | null }[];
  extensions: { at: string; byUserId: string; reason: string; addedMs: number }[];
}

export interface Task {
  id: string;
  kind: string;
  title: string;
  assigneeId: string | null;
  team: string;
  status: string;
  dueAt: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface CaseHandoff {
  id: string;
  team: string;
  question: string;
  blocking: boolean;
  status: string;
  requestedBy: string;
  requestedAt: string;
  dueAt: string | null;
  outcome: string | null;
  notes: string | null;
  citation: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
}

export interface TimelineEntry {
  seq: number;
  action: string;
  fromState: string | null;
  toState: string;
  actorId: string;
  actorRole: string;
  reason: string | null;
  details: Record<string, unknown>;
  at: string;
}

export interface CaseSummary {
  id: string;
  kind?: string;
  workflowId: string;
  state: string;
  sellerId: string;
  marketplace: string;
  severity: string;
  category: string;
  summary: string;
  language: string | null;
  team: string | null;
  assigneeId: string | null;
  breached: boolean;
  resolutionCode: string | null;
  rootCause: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface CaseDetail extends CaseSummary {
  seller?: Seller | null;
  clocks: Clock[];
  tasks: Task[];
  handoffs: CaseHandoff[];
  timeline: TimelineEntry[];
  allowedActions: AllowedAction[];
}

export interface CasePage {
  items: CaseSummary[];
  total: number;
  nextCursor: string | null;
}

export interface InboxSla {
  clockId: string;
  status: string;
  warnAt: string | null;
  deadlineAt: string;
  warned: boolean;
  breached: boolean;
}

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  assigneeId: string | null;
  team: string;
  dueAt: string | null;
  createdAt: string;
  sla: InboxSla | null;
  case: { id: string; kind: string; sellerId: string; marketplace: string; severity: string; category: string; state: string; summary: string; breached: boolean } | null;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
  limit: number;
  offset: number;
}

export interface Handoff {
  id: string;
  caseId: string;
  team: string;
  status: string;
  question: string;
  blocking: boolean;
  requestedBy: string;
  requestedAt: string;
  dueAt: string | null;
  remindedAt: string | null;
  escalatedAt: string | null;
  answer: { outcome: string; notes: string; citation: string | null; answeredBy: string; answeredAt: string } | null;
  case?: { id: string; kind: string; sellerId: string; marketplace: string; severity: string; state: string; team: string | null; summary: string };
}

export interface HandoffPage {
  items: Handoff[];
  total: number;
  limit: number;
  offset: number;
}

export interface RosterMember {
  userId: string;
  displayName: string;
  role: string;
  team: string;
  capacity: number;
  outOfOfficeUntil: string | null;
  outOfOffice: boolean;
  active: boolean;
  teamLead: boolean;
}

export interface UpdateMemberResult {
  member: RosterMember;
  /** The out-of-office hand-back the update started. */
  offeredBack: { handBackId: string; reason: string; progress: string } | null;
}

export interface HandBackProgress {
  handBackId: string;
  userId: string;
  markedBy: string;
  status: 'listing' | 'releasing' | 'done';
  total: number;
  released: { caseId: string; kind: string; workflowId: string; state: string }[];
  notReleased: { caseId: string; kind: string; workflowId: string; code: string; reason: string }[];
}

export type AgeCounts = Record<'<1d' | '1-3d' | '3-7d' | '>7d', number>;

export interface Workload {
  team: string;
  generatedAt: string;
  dueSoonHours: number;
  members: {
    userId: string;
    displayName: string;
    role: string;
    activeCases: number;
    capacity: number;
    freeCapacity: number;
    atCapacity: boolean;
    outOfOffice: boolean;
    outOfOfficeUntil: string | null;
    tasksDueSoon: number;
    tasksOverdue: number;
  }[];
  queue: { openTasks: number; tasksDueSoon: number; tasksOverdue: number };
  backlog: { total: number; byAge: AgeCounts; byKind: { kind: string; total: number; byAge: AgeCounts }[] };
  flow: { days: number; series: { from: string; to: string; arrivals: number; completions: number }[]; totals: { arrivals: number; completions: number; net: number } };
  staffing: {
    status: string;
    peopleNeeded: number | null;
    additionalPeople: number | null;
    arithmetic: { worked: string; formula: string; backlog: number; completions: number; windowDays: number; caseWorkers: number; availableCaseWorkers: number; throughputPerPersonPerDay: number | null; medianRemainingDays: number | null; horizonDays: number | null };
    notes: string[];
  };
}

export interface HistoryEvent {
  /** Which run of the workflow (case histories). */
  run?: number;
  eventId: number;
  type: string;
  time: string | null;
  name: string | null;
  updateId?: string;
  workflowId?: string;
  args?: unknown[];
  result?: unknown;
  failure?: { message: string; type: string | null } | null;
}

export interface CaseHistory {
  caseId: string;
  workflowId: string;
  /** Every run of the workflow, oldest first. */
  runs: WorkflowRun[];
  /** Set when the events are one run's. */
  runId?: string;
  events: HistoryEvent[];
  audit: TimelineEntry[];
  children?: { workflowId: string; workflowType: string | null; retained: boolean; events: HistoryEvent[] }[];
}

export interface WorkflowRun {
  run: number;
  runId: string;
  status: string;
  startedAt: string | null;
  closedAt: string | null;
  eventCount: number;
}

export interface RiskAssessment {
  score: number;
  band: string;
  modelVersion: string;
  model: string;
  fallbackReason: string | null;
  signals: { name: string; description: string; value: number; weight: number; contribution: number }[];
  assessedAt: string;
}

export interface Seller {
  id: string;
  marketplace: string;
  legalName: string;
  annualSales: number;
  strategic: boolean;
  accountManagerId: string | null;
  enforcementHistory: { at: string; action: string; reason: string }[];
  linkedAccounts: string[];
  tier: string;
  tierTitle: string;
  playbookId: string;
  playbookVersion: number;
  risk: RiskAssessment | null;
  openReviewId: string | null;
}

export interface Approval {
  id: string;
  subject: string;
  makerId: string;
  status: string;
  policy: { requiredApprovals: number; minimumRole: string; atLeast: { role: string; count: number } | null };
  approvals: { by: string; role: string; at: string; note: string | null }[];
  stillNeeded: string;
  rejection: { by: string; role: string; at: string; reasons: string } | null;
  remindAt: string;
  escalateAt: string;
  remindedAt: string | null;
  escalatedAt: string | null;
}

export interface Proposal {
  n: number;
  decision: string;
  reasonCode: string;
  policyCitation: string;
  rationale: string;
  scope: string;
  durationDays: number | null;
  proposedBy: string;
  proposedAt: string;
  status: string;
  approval: Approval | null;
  urgency: { reason: string; approvedBy: string | null; approvedAt: string | null } | null;
  consultation: { handoffId: string; accountManagerId: string | null; status: string; closesAt: string; response: string | null; reasons: string | null; answeredBy: string | null } | null;
  withdrawnReason: string | null;
}

export interface ReviewDetail {
  id: string;
  workflowId: string;
  state: string;
  sellerId: string;
  marketplace: string;
  severity: string;
  summary: string;
  team: string;
  assigneeId: string | null;
  breached: boolean;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
  outcome: string | null;
  trigger: { kind: string; ref: string | null };
  playbook: { id: string; version: number; title: string; tier: string; tierTitle: string; consultationRequired: boolean };
  checks: { id: string; title: string; guidance: string; required: boolean; status: string; finding: string | null; notes: string | null; evidence: string[]; completedBy: string | null; completedAt: string | null }[];
  risk: (RiskAssessment & { requestedBy: string }) | null;
  riskPending: boolean;
  proposal: Proposal | null;
  previousProposals: Proposal[];
  enforcements: { n: number; status: string; failure: string | null; steps: { step: string; status: string; error: string | null }[]; startedAt: string }[];
  statementOfReasons: { id: string; issuedAt: string; measure: Record<string, unknown>; facts: string[]; automation: { description?: string }; ground: { policyCitation?: string; reasonCode?: string; explanation?: string }; redress: string[] } | null;
  policyGaps: { id: string; tag: string; question: string; status: string; flaggedBy: string; dueAt: string | null; decision: string | null; precedent: string | null; decidedBy: string | null }[];
  precedents: { gapId: string; caseId: string; tag: string; precedent: string; decidedBy: string }[];
  lastNote: { at: string; by: string; text: string } | null;
  seller: Seller | null;
  handoffs: CaseHandoff[];
  clocks: Clock[];
  tasks: Task[];
  timeline: TimelineEntry[];
  allowedActions: AllowedAction[];
}

import { cohensKappa, countTable, fleissKappa, krippendorffAlpha, landisKochBand, type AgreementBand, type Rating } from './agreement';
import { wilsonInterval, type Interval } from './proportion';

/**
 * A calibration session's report from its answers: agreement overall and per question, and each
 * participant's accuracy against the golden answers. Pure: the service reads the rows and calls this.
 *
 * Which statistic leads: two participants, Cohen's kappa; more, Fleiss' kappa when every participant
 * answered every item, else Krippendorff's alpha (which allows missing answers). Alpha is always
 * reported beside it. Overall pools every (item, question) as one unit, answers kept apart by question.
 */

export interface CalibrationQuestion {
  id: string;
  label: string;
  options: readonly string[];
}

export interface CalibrationAnswer {
  position: number;
  questionId: string;
  participant: string;
  answer: string;
}

export interface CalibrationInput {
  questions: readonly CalibrationQuestion[];
  /** Items by position, with the expert answer per question where the session has a golden set. */
  items: ReadonlyArray<{ position: number; golden: Readonly<Record<string, string>> | null }>;
  participants: readonly string[];
  answers: readonly CalibrationAnswer[];
}

export type AgreementStatistic = 'cohens_kappa' | 'fleiss_kappa' | 'krippendorff_alpha';

export interface Agreement {
  /** Units (items, or item-question pairs overall) answered by at least two participants. */
  units: number;
  statistic: AgreementStatistic;
  value: number | null;
  band: AgreementBand | null;
  krippendorffAlpha: number | null;
  /** Share of pairs of answers on the same unit that agree (observed agreement, uncorrected). */
  percentAgreement: number | null;
}

export interface Accuracy {
  graded: number;
  correct: number;
  accuracy: number | null;
  interval: Interval | null;
}

export interface CalibrationReport {
  overall: Agreement;
  questions: Array<{ questionId: string; label: string } & Agreement>;
  participants: Array<{ userId: string; answered: number; overall: Accuracy; byQuestion: Array<{ questionId: string } & Accuracy> }>;
}

/** Each unit's ratings, one entry per participant in order (null where they gave none). */
function agreementOf(units: Rating[][], raters: number): Agreement {
  const pairable = units.filter((u) => u.filter((r) => r !== null).length >= 2);
  const alpha = krippendorffAlpha(pairable);
  let statistic: AgreementStatistic = 'krippendorff_alpha';
  let value = alpha;
  if (raters === 2) {
    statistic = 'cohens_kappa';
    value = cohensKappa(pairable.map((u) => [u[0], u[1]] as const));
  } else {
    const table = pairable.length === units.length ? countTable(units) : null;
    if (table && units.length > 0) {
      statistic = 'fleiss_kappa';
      value = fleissKappa(table.counts);
    }
  }
  let pairs = 0;
  let agreeing = 0;
  for (const u of pairable) {
    const given = u.filter((r): r is string => r !== null);
    for (let i = 0; i < given.length; i++) {
      for (let j = i + 1; j < given.length; j++) {
        pairs += 1;
        if (given[i] === given[j]) agreeing += 1;
      }
    }
  }
  return {
    units: pairable.length,
    statistic,
    value,
    band: value === null ? null : landisKochBand(value),
    krippendorffAlpha: alpha,
    percentAgreement: pairs === 0 ? null : agreeing / pairs,
  };
}

function accuracyOf(correct: number, graded: number): Accuracy {
  return { graded, correct, accuracy: graded === 0 ? null : correct / graded, interval: wilsonInterval(correct, graded) };
}

export function calibrationReport(input: CalibrationInput): CalibrationReport {
  const key = (position: number, questionId: string, participant: string) => `${position}\u0000${questionId}\u0000${participant}`;
  const given = new Map(input.answers.map((a) => [key(a.position, a.questionId, a.participant), a.answer]));
  const ratingsFor = (position: number, questionId: string): Rating[] =>
    input.participants.map((p) => given.get(key(position, questionId, p)) ?? null);

  const raters = input.participants.length;
  const questions = input.questions.map((q) => ({
    questionId: q.id,
    label: q.label,
    ...agreementOf(input.items.map((i) => ratingsFor(i.position, q.id)), raters),
  }));
  const pooled = input.questions.flatMap((q) =>
    input.items.map((i) => ratingsFor(i.position, q.id).map((r) => (r === null ? null : `${q.id}=${r}`))),
  );
  const overall = agreementOf(pooled, raters);

  const participants = input.participants.map((userId) => {
    const byQuestion = input.questions.map((q) => {
      let graded = 0;
      let correct = 0;
      for (const item of input.items) {
        const golden = item.golden?.[q.id];
        if (golden === undefined) continue;
        const answer = given.get(key(item.position, q.id, userId));
        graded += 1;
        if (answer === golden) correct += 1;
      }
      return { questionId: q.id, ...accuracyOf(correct, graded) };
    });
    const graded = byQuestion.reduce((s, q) => s + q.graded, 0);
    const correct = byQuestion.reduce((s, q) => s + q.correct, 0);
    const answered = input.answers.filter((a) => a.participant === userId).length;
    return { userId, answered, overall: accuracyOf(correct, graded), byQuestion };
  });
  return { overall, questions, participants };
}

/**
 * How representative the final panel is, per question and value: the population's share, the target,
 * the pool of volunteers and the panel, and whether the panel meets the target. Counts and shares
 * only: nothing here can name a person. Pure: the caller gathers the counts.
 */
import { preferNotToSay, type Question } from '../domain/questions.ts';
import { pointTarget, seatBounds, type TargetKind, type TargetSettings } from '../domain/targets.ts';

/**
 * The final panel: confirmed members, and selected people who have not confirmed yet (they hold a
 * seat until they decline). Declined, withdrawn and replaced people are not on it.
 */
export const panelStatuses = ['confirmed', 'selected'] as const;

/** Everyone who signed up is in the pool, whatever became of them; people only invited are not. */
export const notInPoolStatuses = ['invited'] as const;

export interface AnswerCount {
  status: string;
  question: string;
  value: string;
  count: number;
}

export interface ReportInput {
  questions: Question[];
  panelSize: number;
  /** People per status. */
  statusCounts: Record<string, number>;
  /** People per status, question and answer. */
  answerCounts: AnswerCount[];
  targets: TargetSettings | null;
  invitations: { sent: number; registered: number };
}

export interface TargetRange {
  min: number;
  max: number;
  /** The desired (possibly fractional) seats of a Swedish point target; min and max are its roundings. */
  point?: number;
}

export interface ValueRow {
  question: string;
  value: string;
  /** Fraction 0..1 of the population, when the organiser gave it. */
  populationShare: number | null;
  target: TargetRange | null;
  pool: number;
  poolShare: number | null;
  panel: number;
  panelShare: number | null;
  /** Null when the value has no target. */
  met: boolean | null;
}

export interface QuestionSection {
  question: Question;
  rows: ValueRow[];
}

export interface RepresentativenessReport {
  sections: QuestionSection[];
  totals: {
    pool: number;
    panel: number;
    confirmed: number;
    /** Selected and not yet confirmed. */
    selected: number;
    /** Values with a target, and how many of them the panel meets. */
    targets: number;
    targetsMet: number;
  };
  invitations: { sent: number; registered: number; responseRate: number | null };
  targetKind: TargetKind | null;
}

const isPanel = (status: string) => (panelStatuses as readonly string[]).includes(status);
const isPool = (status: string) => !(notInPoolStatuses as readonly string[]).includes(status);

/** The seats a value is held to, or null when nothing holds it (no targets, left out, or 0..panel size). */
export function targetRange(
  settings: TargetSettings | null,
  question: string,
  value: string,
  panelSize: number,
): TargetRange | null {
  if (!settings?.definition.questions[question]?.included) return null;
  if (settings.kind === 'points') {
    const point = pointTarget(settings, question, value, panelSize);
    if (point === undefined) return null;
    // A point target asks for as close as possible; a whole number of seats either side of it meets it.
    return { min: Math.floor(point + 1e-9), max: Math.ceil(point - 1e-9), point };
  }
  const { min, max } = seatBounds(settings, question, value, panelSize);
  if (min <= 0 && max >= panelSize) return null;
  return { min, max: Math.min(max, panelSize) };
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export function buildReport(input: ReportInput): RepresentativenessReport {
  const statusTotal = (test: (s: string) => boolean) =>
    Object.entries(input.statusCounts)
      .filter(([status]) => test(status))
      .reduce((sum, [, n]) => sum + n, 0);
  const poolTotal = statusTotal(isPool);
  const panelTotal = statusTotal(isPanel);

  const counts = new Map<string, { pool: number; panel: number }>();
  for (const a of input.answerCounts) {
    const key = `${a.question}\u0000${a.value}`;
    const entry = counts.get(key) ?? { pool: 0, panel: 0 };
    if (isPool(a.status)) entry.pool += a.count;
    if (isPanel(a.status)) entry.panel += a.count;
    counts.set(key, entry);
  }

  let targets = 0;
  let targetsMet = 0;
  const sections = input.questions.map((question) => {
    const values = question.options.map((o) => o.value);
    // Answers that are no longer options (the options changed after people answered) still count.
    for (const a of input.answerCounts) {
      if (a.question === question.key && a.value !== preferNotToSay && !values.includes(a.value)) {
        values.push(a.value);
      }
    }
    values.push(preferNotToSay);
    const rows: ValueRow[] = [];
    for (const value of values) {
      const { pool, panel } = counts.get(`${question.key}\u0000${value}`) ?? { pool: 0, panel: 0 };
      const percent = input.targets?.population[question.key]?.[value];
      const target = targetRange(input.targets, question.key, value, input.panelSize);
      // "Prefer not to say" is listed only when it matters.
      if (value === preferNotToSay && pool === 0 && target === null && percent === undefined) continue;
      const met = target ? panel >= target.min && panel <= target.max : null;
      if (met !== null) {
        targets++;
        if (met) targetsMet++;
      }
      rows.push({
        question: question.key,
        value,
        populationShare: percent === undefined ? null : percent / 100,
        target,
        pool,
        poolShare: share(pool, poolTotal),
        panel,
        panelShare: share(panel, panelTotal),
        met,
      });
    }
    return { question, rows };
  });

  return {
    sections,
    totals: {
      pool: poolTotal,
      panel: panelTotal,
      confirmed: input.statusCounts.confirmed ?? 0,
      selected: input.statusCounts.selected ?? 0,
      targets,
      targetsMet,
    },
    invitations: {
      ...input.invitations,
      responseRate: share(input.invitations.registered, input.invitations.sent),
    },
    targetKind: input.targets?.kind ?? null,
  };
}

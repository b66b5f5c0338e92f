/**
 * A deliberation session's tables: asking for them for the expected attendance, recomputing the
 * rounds still to come from the day's check-ins (locked rounds and their meetings kept), locking a
 * round once it has happened, and moving a person to another table. The engine runs as the
 * table-allocation job (see table-allocations.ts), which stores its tables as the plan's next
 * version; every change here writes its audit event in its transaction.
 */
import type { Database } from '../db/connect.ts';
import {
  maxFieldWeight,
  needField,
  type SeatMove,
  seatingInput,
  seatingNeeds,
  seatMoveRefusal,
} from '../domain/seating.ts';
import { type FieldRule, type Participant, type TablesInput, TablesInputError } from '../grouping/model.ts';
import { compileProblem } from '../grouping/problem.ts';
import { addLateArrival, previewMove } from '../grouping/reallocate.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { wakeJobRunner } from '../jobs/runner.ts';
import { listQuestions, listTeam } from '../repositories/assemblies.ts';
import { listSessionAttendance } from '../repositories/attendance.ts';
import type { Executor } from '../repositories/executor.ts';
import { activeJobStatuses, findJobOfKind } from '../repositories/jobs.ts';
import {
  findSeatingPlan,
  listSeatingNeeds,
  listSeatingRules,
  type SeatingPlan,
  type SeatingSettings,
  saveLockedRounds,
  savePendingSeating,
  saveSeatingVersion,
} from '../repositories/seating.ts';
import { loadPool } from '../repositories/selection-pool.ts';
import { type AssemblySession, findSession } from '../repositories/sessions.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';
import type { SeatingJobContext } from './seating-results.ts';
import { checkRequest, tableAllocationJob } from './table-allocations.ts';

export interface SeatingRequest {
  rounds: number;
  tables?: number;
  tableSize?: number;
  /** The questions whose answers each table should mirror (equal weights), when `fields` is absent. */
  diversify: readonly string[];
  /** Each question's mode: mixed with a weight, kept together, or ignored. */
  fields?: readonly FieldRule[];
  seed: string;
  /** Seat the team's facilitators, one per table. */
  withFacilitators: boolean;
}

export async function deliberationSession(db: Executor, assemblyId: string, sessionId: string) {
  const session = await findSession(db, assemblyId, sessionId);
  if (session?.type !== 'deliberation') throw new CommandError('not_found');
  return session;
}

/**
 * Members' answers (selection data) by pseudonymous id, the confirmed panel and anyone in `also`, with
 * the access needs that may keep them together as fields of their own (see `seatingNeeds`).
 */
async function participants(db: Executor, assemblyId: string, also: readonly string[] = []) {
  const pool = await loadPool(db, assemblyId, { statuses: ['confirmed'], alsoIds: also });
  const needs = await listSeatingNeeds(
    db,
    pool.map((m) => m.id),
  );
  return pool.map((m): Participant => {
    const own = needs.get(m.id) ?? [];
    const values = Object.fromEntries(seatingNeeds.map((n) => [needField(n), own.includes(n) ? n : '']));
    return { id: m.id, values: { ...values, ...m.answers } };
  });
}

/** The confirmed members not marked excused or absent for the session: who is expected to come. */
async function expectedMembers(db: Executor, assemblyId: string, session: AssemblySession) {
  const [people, marks] = await Promise.all([
    participants(db, assemblyId),
    listSessionAttendance(db, session.id),
  ]);
  const away = new Set(marks.filter((m) => m.status !== 'present').map((m) => m.personId));
  return people.filter((p) => !away.has(p.id));
}

async function queueSeating(
  database: Database,
  actor: Actor,
  assemblyId: string,
  job: { sessionId: string; settings: SeatingSettings; tables: TablesInput; seating: SeatingJobContext },
): Promise<string> {
  const jobId = await inTransaction(database, async (trx, audit) => {
    const id = await enqueueJob(trx, database, tableAllocationJob, {
      assemblyId,
      input: { assemblyId, tables: job.tables, seating: job.seating },
      at: now(),
    });
    await savePendingSeating(trx, {
      assemblyId,
      sessionId: job.sessionId,
      settings: job.settings,
      jobId: id,
      at: now(),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: job.seating.reason === 'computed' ? 'seating.request' : 'seating.recompute',
      subjectType: 'session',
      subjectId: job.sessionId,
      details: { jobId: id, seated: job.seating.seated, rounds: job.settings.rounds },
    });
    return id;
  });
  wakeJobRunner(database);
  return jobId;
}

/** Queues tables for the session's expected attendance; returns the job's id. */
export async function requestSeating(
  database: Database,
  actor: Actor,
  assemblyId: string,
  sessionId: string,
  request: SeatingRequest,
): Promise<string> {
  if (actor.kind !== 'staff') throw new CommandError('forbidden');
  checkRequest({ assemblyId, ...request });
  const db = database.db;
  const session = await deliberationSession(db, assemblyId, sessionId);
  const questions = await listQuestions(db, assemblyId);
  const fields = fieldRules(request, [...questions.map((q) => q.key), ...seatingNeeds.map(needField)]);
  const plan = await findSeatingPlan(db, assemblyId, sessionId);
  if (plan && plan.lockedRounds > 0) throw new CommandError('seating_has_locked', 'rounds');
  const people = await expectedMembers(db, assemblyId, session);
  if (people.length === 0) throw new CommandError('tables_no_members', 'tables');
  const facilitators = request.withFacilitators
    ? (await listTeam(db, assemblyId)).filter((m) => m.role === 'facilitator').map((m) => m.id)
    : [];
  const settings: SeatingSettings = {
    rounds: request.rounds,
    ...(request.tables !== undefined ? { tables: request.tables } : { tableSize: request.tableSize }),
    diversify: fields.filter((f) => f.mode === 'diversify').map((f) => f.name),
    fields,
    seed: request.seed,
    facilitators,
  };
  const tables = seatingInput(settings, people, await listSeatingRules(db, sessionId));
  checkSeatable(tables);
  return queueSeating(database, actor, assemblyId, {
    sessionId,
    settings,
    tables,
    seating: { sessionId, reason: 'computed', by: actorId(actor), seated: people.length },
  });
}

export async function planOf(db: Executor, assemblyId: string, sessionId: string): Promise<SeatingPlan> {
  await deliberationSession(db, assemblyId, sessionId);
  const plan = await findSeatingPlan(db, assemblyId, sessionId);
  if (!plan || plan.rounds.length === 0) throw new CommandError('seating_no_plan');
  return plan;
}

/**
 * Queues the rounds not yet locked again for the members checked in to the session now; the locked
 * rounds stay as they were and count in who has met whom. Returns the job's id.
 */
export async function recomputeSeating(
  database: Database,
  actor: Actor,
  assemblyId: string,
  sessionId: string,
): Promise<string> {
  if (actor.kind !== 'staff') throw new CommandError('forbidden');
  const db = database.db;
  const plan = await planOf(db, assemblyId, sessionId);
  if (plan.lockedRounds >= plan.settings.rounds) throw new CommandError('seating_all_locked');
  const marks = await listSessionAttendance(db, sessionId);
  const present = marks.filter((m) => m.status === 'present').map((m) => m.personId);
  if (present.length === 0) throw new CommandError('seating_nobody_present');
  const history = plan.rounds.slice(0, plan.lockedRounds);
  const seatedBefore = history.flatMap((r) => r.tables.flatMap((t) => t.members));
  const people = await participants(db, assemblyId, [...new Set([...seatedBefore, ...present])]);
  const known = new Set(people.map((p) => p.id));
  const seatedNow = present.filter((id) => known.has(id));
  const rules = await listSeatingRules(db, sessionId);
  const tables: TablesInput = {
    ...seatingInput(plan.settings, people, rules, seatedNow),
    history,
    present: seatedNow,
  };
  checkSeatable(tables);
  return queueSeating(database, actor, assemblyId, {
    sessionId,
    settings: plan.settings,
    tables,
    seating: { sessionId, reason: 'recomputed', by: actorId(actor), seated: present.length },
  });
}

/**
 * Refuses while a new version is being computed: the job plans from the rounds locked when it was
 * asked for, and would overwrite a round locked, or a move made, in the meantime.
 */
export async function refuseWhileComputing(
  db: Executor,
  assemblyId: string,
  plan: SeatingPlan,
): Promise<void> {
  if (!plan.pendingJobId) return;
  const job = await findJobOfKind(db, assemblyId, tableAllocationJob.name, plan.pendingJobId);
  if (job && (activeJobStatuses as readonly string[]).includes(job.status))
    throw new CommandError('seating_computing');
}

/** Marks round `round` (1-based) as happened: it is kept as it is by recomputes and moves. */
export async function lockSeatingRound(
  database: Database,
  actor: Actor,
  assemblyId: string,
  sessionId: string,
  round: number,
): Promise<void> {
  if (actor.kind !== 'staff') throw new CommandError('forbidden');
  await inTransaction(database, async (trx, audit) => {
    const plan = await planOf(trx, assemblyId, sessionId);
    await refuseWhileComputing(trx, assemblyId, plan);
    // Rounds happen in order: only the next one is locked.
    if (round !== plan.lockedRounds + 1 || round > plan.rounds.length)
      throw new CommandError('seating_lock_order', 'round', { round: plan.lockedRounds + 1 });
    await saveLockedRounds(trx, sessionId, round, now());
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'seating.lock',
      subjectType: 'session',
      subjectId: sessionId,
      details: { round },
    });
  });
}

/** The plan, the engine's input for it and the move's effect; refused when the move cannot be made. */
export async function seatMoveEffect(db: Executor, assemblyId: string, sessionId: string, move: SeatMove) {
  const plan = await planOf(db, assemblyId, sessionId);
  const refusal = seatMoveRefusal(plan.rounds, plan.lockedRounds, move);
  if (refusal) throw new CommandError(refusal, 'person');
  if (!plan.report) throw new CommandError('seating_no_plan');
  const seated = plan.rounds.flatMap((r) => r.tables.flatMap((t) => t.members));
  const people = await participants(db, assemblyId, [...new Set(seated)]);
  const present = plan.rounds[move.round].tables.flatMap((t) => t.members);
  const input: TablesInput = {
    ...seatingInput(plan.settings, people, await listSeatingRules(db, sessionId), present),
    present,
  };
  const preview = previewMove(input, { rounds: plan.rounds, report: plan.report }, move);
  return { plan, preview };
}

/** Saves a manual move as the plan's next version. Refused when it breaks a rule (the sizes, say). */
export async function moveSeat(
  database: Database,
  actor: Actor,
  assemblyId: string,
  sessionId: string,
  move: SeatMove,
): Promise<void> {
  if (actor.kind !== 'staff') throw new CommandError('forbidden');
  await inTransaction(database, async (trx, audit) => {
    const { plan, preview } = await seatMoveEffect(trx, assemblyId, sessionId, move);
    await refuseWhileComputing(trx, assemblyId, plan);
    if (preview.problems.length > 0) throw new CommandError('seating_move_breaks_rule', 'table');
    const from = plan.rounds[move.round].tables.findIndex((t) => t.members.includes(move.person));
    const details = {
      person: move.person,
      round: move.round,
      from,
      to: move.table,
      ...(move.swapWith !== undefined ? { swapWith: move.swapWith } : {}),
    };
    const version = await saveSeatingVersion(trx, plan, {
      rounds: preview.result.rounds,
      report: preview.result.report,
      reason: 'moved',
      details,
      by: actorId(actor),
      at: now(),
      clearPending: false,
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'seating.move',
      subjectType: 'session',
      subjectId: sessionId,
      details: { ...details, version, repeatedPairsChange: preview.repeatedPairsChange },
    });
  });
}

/**
 * Seats a member checked in after the tables were set, from the first round not yet held on, at the
 * table where she meets the fewest people again and the mix suffers least (the engine's late
 * arrival); nobody else moves. Refused when that breaks a rule (every table already full): then
 * recompute instead.
 */
export async function seatLateArrival(
  database: Database,
  actor: Actor,
  assemblyId: string,
  sessionId: string,
  personId: string,
): Promise<void> {
  if (actor.kind !== 'staff') throw new CommandError('forbidden');
  await inTransaction(database, async (trx, audit) => {
    const plan = await planOf(trx, assemblyId, sessionId);
    await refuseWhileComputing(trx, assemblyId, plan);
    const from = plan.lockedRounds;
    if (from >= plan.rounds.length || !plan.report) throw new CommandError('seating_all_locked');
    const marks = await listSessionAttendance(trx, sessionId);
    if (!marks.some((m) => m.personId === personId && m.status === 'present'))
      throw new CommandError('seating_not_checked_in', 'person');
    const later = plan.rounds.slice(from).flatMap((r) => r.tables.flatMap((t) => t.members));
    if (later.includes(personId)) throw new CommandError('seating_already_seated', 'person');
    const seated = plan.rounds.flatMap((r) => r.tables.flatMap((t) => t.members));
    const people = await participants(trx, assemblyId, [...new Set([...seated, personId])]);
    const person = people.find((p) => p.id === personId);
    if (!person) throw new CommandError('seating_not_checked_in', 'person');
    const present = plan.rounds[from].tables.flatMap((t) => t.members);
    const rules = await listSeatingRules(trx, sessionId);
    // The arrival's own rules count too: her pairs kept apart, her fixed seats.
    const withHer = seatingInput(plan.settings, people, rules, [...present, personId]);
    const input: TablesInput = {
      ...withHer,
      people: people.filter((p) => p.id !== personId),
      present,
    };
    const late = addLateArrival(input, { rounds: plan.rounds, report: plan.report }, person, from);
    if (late.problems.length > 0) throw new CommandError('seating_late_breaks_rule', 'person');
    const version = await saveSeatingVersion(trx, plan, {
      rounds: late.result.rounds,
      report: late.result.report,
      reason: 'late',
      details: { person: personId, round: from },
      by: actorId(actor),
      at: now(),
      clearPending: false,
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'seating.late',
      subjectType: 'session',
      subjectId: sessionId,
      details: { person: personId, round: from + 1, version },
    });
  });
}

/**
 * Each question's rule as asked: the modes chosen, or the `diversify` questions mixed equally. Every
 * question named must be the assembly's, every weight a whole number from 1 to 5.
 */
function fieldRules(request: SeatingRequest, questions: readonly string[]): FieldRule[] {
  const fields: readonly FieldRule[] =
    request.fields ?? request.diversify.map((name) => ({ name, mode: 'diversify' as const }));
  for (const f of fields) {
    if (!questions.includes(f.name))
      throw new CommandError('tables_unknown_question', `mode_${f.name}`, { key: f.name });
    const w = f.weight ?? 1;
    if (f.mode === 'diversify' && !(Number.isSafeInteger(w) && w >= 1 && w <= maxFieldWeight))
      throw new CommandError('number_range', `weight_${f.name}`, { min: 1, max: maxFieldWeight });
  }
  return fields.filter((f) => f.mode !== 'ignore').map((f) => ({ ...f }));
}

/** The request form's field an engine refusal belongs next to (a page without forms shows it alone). */
function refusedField(input: TablesInput, error: TablesInputError): string {
  if (error.code === 'cluster-too-large') {
    const clusters = input.fields.filter((f) => f.mode === 'cluster');
    const value = String(error.params.value ?? '').split(', ');
    const field = clusters.find((f) =>
      input.people.some((p) => value.includes((p.values[f.name] ?? '').trim())),
    );
    return `mode_${(field ?? clusters[0])?.name ?? ''}`;
  }
  if (['too-many-tables', 'no-size', 'bad-count', 'no-people'].includes(error.code)) return 'tables';
  if (error.code === 'too-many-facilitators') return 'facilitators';
  return '_form';
}

/**
 * Checks the engine's input before a job is queued, so that a rule the members cannot be seated by
 * (a group to keep together larger than a table, a fixed seat at a table that does not exist) is
 * explained next to its field at once, not when the job fails.
 */
function checkSeatable(input: TablesInput): void {
  try {
    compileProblem(input);
  } catch (error) {
    if (!(error instanceof TablesInputError)) throw error;
    throw new CommandError('seating_engine', refusedField(input, error), {
      ...error.params,
      code: error.code,
    });
  }
}

/** Creating and editing an assembly, its phase, its team and its demographic questions. */
import type { Database } from '../db/connect.ts';
import { isCalendarDate } from '../domain/dates.ts';
import { isPhase, type Phase } from '../domain/phases.ts';
import { type PrivacySettings, privacyLimits, privacyTextFields } from '../domain/privacy-notice.ts';
import { isReservedName } from '../domain/questions.ts';
import { isStaffRole, type Role, type StaffRole, teamChangeRefusal } from '../domain/roles.ts';
import { panelSizeProblem } from '../domain/seats.ts';
import { findAccount, findAccountByEmail } from '../repositories/accounts.ts';
import type { Assembly } from '../repositories/assemblies.ts';
import {
  encodeAssemblyFields,
  findAssembly,
  insertAssembly,
  listTeam,
  removeRole,
  replaceQuestions,
  roleIn,
  setRole,
  slugTaken,
  updateAssembly as updateAssemblyRow,
} from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';
import { guardSeats } from './seats.ts';

export type Localised = Record<string, string>;

export interface AssemblyFields {
  title: Localised;
  remit: Localised;
  commissioner: string;
  fundingSource: string;
  coordinator: string;
  panelSize: number;
  languages: string[];
  startsOn: string | null;
  endsOn: string | null;
  /** The privacy notice's settings; left out, a new assembly gets the standard notice. */
  privacy?: PrivacySettings;
}

/** A URL-safe name from the title: "Klimatrådet 2024" becomes "klimatradet-2024". */
export function slugFrom(title: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'assembly';
}

function checkFields(f: AssemblyFields): void {
  // Field names as on the assembly form, so the message sits next to the field.
  if (f.startsOn && !isCalendarDate(f.startsOn)) throw new CommandError('date_invalid', 'starts_on');
  if (f.endsOn && !isCalendarDate(f.endsOn)) throw new CommandError('date_invalid', 'ends_on');
  if (f.startsOn && f.endsOn && f.endsOn < f.startsOn) throw new CommandError('ends_before_start', 'ends_on');
  if (f.privacy) checkPrivacy(f.privacy);
}

function checkPrivacy(p: PrivacySettings): void {
  for (const field of ['controller', 'email', 'phone', 'address'] as const) {
    const max = privacyLimits[field];
    if (p[field].length > max) throw new CommandError('too_long', `privacy_${field}`, { max });
  }
  for (const field of privacyTextFields) {
    for (const [language, text] of Object.entries(p.texts[field])) {
      const max = privacyLimits.text;
      if (text.length > max) throw new CommandError('too_long', `privacy_${field}_${language}`, { max });
    }
  }
}

function columns(f: AssemblyFields) {
  return {
    ...encodeAssemblyFields({ title: f.title, remit: f.remit, languages: f.languages, privacy: f.privacy }),
    commissioner: f.commissioner,
    funding_source: f.fundingSource,
    coordinator: f.coordinator,
    panel_size: f.panelSize,
    starts_on: f.startsOn,
    ends_on: f.endsOn,
  };
}

export async function createAssembly(database: Database, actor: Actor, f: AssemblyFields): Promise<string> {
  if (actor.kind !== 'staff') throw new CommandError('forbidden');
  checkFields(f);
  return inTransaction(database, async (trx, audit) => {
    const id = crypto.randomUUID();
    const base = slugFrom(Object.values(f.title).find((t) => t.trim()) ?? '');
    let slug = base;
    for (let i = 2; await slugTaken(trx, slug); i++) slug = `${base}-${i}`;
    const at = now();
    await insertAssembly(trx, {
      id,
      slug,
      ...columns(f),
      current_phase: 'recruitment',
      registration_open: 0,
      created_at: at,
      updated_at: at,
    });
    // Whoever creates an assembly organises it, unless they administer everything anyway.
    if (!actor.isAdmin) await setRole(trx, id, actor.accountId, 'organiser', at);
    await audit({
      actorId: actorId(actor),
      assemblyId: id,
      action: 'assembly.create',
      subjectType: 'assembly',
      subjectId: id,
    });
    return id;
  });
}

/** The columns whose stored value changes (decoded values compared in their stored form). */
function changedKeys(before: Assembly, after: Record<string, unknown>): string[] {
  const stored = { ...before, ...encodeAssemblyFields(before) } as unknown as Record<string, unknown>;
  return Object.entries(after)
    .filter(([k, v]) => stored[k] !== v)
    .map(([k]) => k);
}

export async function updateAssembly(
  database: Database,
  actor: Actor,
  id: string,
  f: AssemblyFields,
): Promise<void> {
  checkFields(f);
  await inTransaction(database, async (trx, audit) => {
    const before = await findAssembly(trx, id);
    if (!before) throw new CommandError('not_found');
    // Fewer seats than members already holding one would overfill the panel.
    const seated = (await guardSeats(trx, id)).seatedBefore.length;
    const problem = panelSizeProblem(f.panelSize, seated);
    if (problem) throw new CommandError(problem.code, 'panel_size', problem.params);
    const after = columns(f);
    await updateAssemblyRow(trx, id, { ...after, updated_at: now() });
    await audit({
      actorId: actorId(actor),
      assemblyId: id,
      action: 'assembly.update',
      subjectType: 'assembly',
      subjectId: id,
      details: { changed: changedKeys(before, after) },
    });
  });
}

export async function setPhase(
  database: Database,
  actor: Actor,
  id: string,
  phase: string,
  registrationOpen: boolean,
): Promise<void> {
  if (!isPhase(phase)) throw new CommandError('invalid_phase', 'phase');
  await inTransaction(database, async (trx, audit) => {
    const before = await findAssembly(trx, id);
    if (!before) throw new CommandError('not_found');
    await updateAssemblyRow(trx, id, {
      current_phase: phase satisfies Phase,
      registration_open: registrationOpen ? 1 : 0,
      updated_at: now(),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId: id,
      action: 'assembly.phase',
      subjectType: 'assembly',
      subjectId: id,
      details: { from: before.current_phase, to: phase, registrationOpen },
    });
  });
}

/** The role an account holds in an assembly as access counts it: administrators hold every role. */
async function effectiveRole(
  trx: Executor,
  assemblyId: string,
  account: { id: string; is_admin: number } | undefined,
): Promise<Role | null> {
  if (!account) return null;
  if (account.is_admin) return 'administrator';
  const held = await roleIn(trx, assemblyId, account.id);
  return held && isStaffRole(held) ? held : null;
}

/** Refuses the change unless the actor's own rights cover it (see `teamChangeRefusal`). */
export async function checkTeamChange(
  trx: Executor,
  actor: Actor,
  assemblyId: string,
  target: { id: string; is_admin: number },
  newRole: StaffRole | null,
): Promise<void> {
  if (actor.kind !== 'staff') throw new CommandError('forbidden');
  const actorRole = actor.isAdmin
    ? 'administrator'
    : await effectiveRole(trx, assemblyId, await findAccount(trx, actor.accountId));
  const team = (await listTeam(trx, assemblyId)).map((m) => ({ accountId: m.id, role: m.role }));
  const refusal = teamChangeRefusal({
    actorRole,
    targetId: target.id,
    targetRole: await effectiveRole(trx, assemblyId, target),
    newRole,
    team,
  });
  if (refusal) throw new CommandError(refusal, newRole ? 'role' : undefined);
}

export async function grantRole(
  database: Database,
  actor: Actor,
  assemblyId: string,
  email: string,
  role: string,
): Promise<void> {
  if (!isStaffRole(role)) throw new CommandError('invalid_role', 'role');
  await inTransaction(database, async (trx, audit) => {
    const account = await findAccountByEmail(trx, email);
    if (!account) throw new CommandError('no_such_account', 'email');
    await checkTeamChange(trx, actor, assemblyId, account, role);
    await setRole(trx, assemblyId, account.id, role, now());
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'team.grant',
      subjectType: 'account',
      subjectId: account.id,
      details: { role },
    });
  });
}

export async function revokeRole(
  database: Database,
  actor: Actor,
  assemblyId: string,
  accountId: string,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const account = await findAccount(trx, accountId);
    // Nobody to remove: nothing changes and nothing is logged.
    if (!account || (await roleIn(trx, assemblyId, accountId)) === null) return;
    await checkTeamChange(trx, actor, assemblyId, account, null);
    await removeRole(trx, assemblyId, accountId);
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'team.revoke',
      subjectType: 'account',
      subjectId: accountId,
    });
  });
}

export interface QuestionInput {
  key: string;
  label: Localised;
  options: { value: string; label: Localised }[];
}

/** Question keys become quota feature names, so they must be simple and unique. */
export async function configureQuestions(
  database: Database,
  actor: Actor,
  assemblyId: string,
  questions: QuestionInput[],
): Promise<void> {
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    if (!/^[a-z][a-z0-9_]*$/.test(q.key) || isReservedName(q.key))
      throw new CommandError('question_key_invalid', `q${i}.key`, { key: q.key });
    const reserved = q.options.find((o) => isReservedName(o.value));
    if (reserved)
      throw new CommandError('question_option_reserved', `q${i}.options`, {
        key: q.key,
        value: reserved.value,
      });
    if (seen.has(q.key)) throw new CommandError('question_key_duplicate', `q${i}.key`, { key: q.key });
    seen.add(q.key);
    if (q.options.length < 2)
      throw new CommandError('question_needs_options', `q${i}.options`, { key: q.key });
    const values = new Set(q.options.map((o) => o.value));
    if (values.size !== q.options.length)
      throw new CommandError('question_option_duplicate', `q${i}.options`, { key: q.key });
  });
  await inTransaction(database, async (trx, audit) => {
    await replaceQuestions(trx, assemblyId, questions);
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'questions.configure',
      subjectType: 'assembly',
      subjectId: assemblyId,
      details: { keys: questions.map((q) => q.key) },
    });
  });
}

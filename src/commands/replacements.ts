/**
 * Replacements, in two steps that reuse the selection and the public draw: a replacement run keeps
 * everyone still on the panel and fills the open seats as fairly as the targets allow; its lottery is
 * drawn publicly like the first panel; the draw then records who took whose seat, marks the people
 * who left as replaced, and notes the effect on every target.
 */
import type { Database } from '../db/connect.ts';
import { pairReplacements, targetEffect } from '../domain/replacement.ts';
import { replacementRunShape } from '../domain/seats.ts';
import { findAssembly } from '../repositories/assemblies.ts';
import type { NewAuditEvent } from '../repositories/audit.ts';
import type { Executor } from '../repositories/executor.ts';
import { changeStatus, findPerson } from '../repositories/people.ts';
import { answersOfPeople, insertReplacement, openSeats } from '../repositories/replacements.ts';
import { seatedPeople } from '../repositories/seats.ts';
import { type Actor, actorId, CommandError } from './command.ts';
import { startReplacementRun } from './selection-runs.ts';

/**
 * Starts the replacement run: it keeps everyone holding a seat and fills exactly the open seats, so
 * the panel comes back to its size and never above it. Refused when no seat is open.
 */
export async function startReplacements(
  database: Database,
  actor: Actor,
  assemblyId: string,
): Promise<string> {
  const assembly = await findAssembly(database.db, assemblyId);
  if (!assembly) throw new CommandError('not_found');
  const shape = replacementRunShape(assembly.panel_size, await seatedPeople(database.db, assemblyId));
  if (!shape) throw new CommandError('no_open_seats', '_form');
  return startReplacementRun(database, actor, assemblyId, { keep: shape.keep, size: shape.size });
}

/**
 * Called by the public draw, in its transaction, once a replacement run's panel is drawn: the
 * newcomers fill the open seats (they were already marked selected by the draw), the people who left
 * become replaced, and each pair is recorded with the effect on the targets.
 */
export async function applyDrawnReplacements(
  trx: Executor,
  audit: (event: Omit<NewAuditEvent, 'at'> & { at?: string }) => Promise<void>,
  actor: Actor,
  assemblyId: string,
  run: { id: string; keep: readonly string[] },
  drawnPanel: readonly string[],
  at: string,
): Promise<number> {
  const seats = await openSeats(trx, assemblyId);
  const kept = new Set(run.keep);
  const references = new Map<string, string>();
  for (const id of drawnPanel) references.set(id, (await findPerson(trx, assemblyId, id))?.reference ?? id);
  // The draw's seat check refuses a panel that no longer fits; here the newcomers only take the seats
  // of the people who left, as far as there are any (a seat may also have been open from the start).
  const pairs = pairReplacements(
    drawnPanel,
    kept,
    seats.map((s) => ({ personId: s.id, reference: s.reference })),
    (id) => references.get(id) ?? id,
  );
  const before = [...run.keep, ...seats.map((s) => s.id)];
  const answers = await answersOfPeople(trx, [...new Set([...before, ...drawnPanel])]);
  const effect = JSON.stringify(targetEffect(before, drawnPanel, (id) => answers.get(id) ?? {}));
  for (const pair of pairs) {
    const seat = seats.find((s) => s.id === pair.replacedPersonId)!;
    const changed = await changeStatus(trx, seat.id, {
      from: seat.status,
      to: 'replaced',
      at,
      by: actorId(actor),
      comment: null,
    });
    if (!changed) throw new CommandError('changed_meanwhile', '_form');
    await insertReplacement(trx, {
      assembly_id: assemblyId,
      run_id: run.id,
      replaced_person_id: pair.replacedPersonId,
      replacement_person_id: pair.replacementPersonId,
      effect,
      at,
      by: actorId(actor),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'replacement.apply',
      subjectType: 'person',
      subjectId: pair.replacedPersonId,
      details: { replacedBy: pair.replacementPersonId, runId: run.id },
      at,
    });
  }
  return pairs.length;
}

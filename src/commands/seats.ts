/**
 * The seat rule as the commands apply it, inside their transaction: lock the assembly's seats, make
 * the change, then check that no more people hold a seat than the panel has. A change that would
 * overfill the panel is refused and its transaction rolled back, whichever command made it.
 */
import { seatProblem } from '../domain/seats.ts';
import type { Executor } from '../repositories/executor.ts';
import { lockSeats, seatedPeople } from '../repositories/seats.ts';
import { CommandError } from './command.ts';

export interface SeatGuard {
  panelSize: number;
  /** The people holding a seat when the guard was taken. */
  seatedBefore: string[];
  /** Refuses (throws) when the change made since the guard was taken overfills the panel. */
  check(field?: string): Promise<void>;
}

export async function guardSeats(trx: Executor, assemblyId: string): Promise<SeatGuard> {
  const panelSize = await lockSeats(trx, assemblyId);
  if (panelSize === null) throw new CommandError('not_found');
  const seatedBefore = await seatedPeople(trx, assemblyId);
  return {
    panelSize,
    seatedBefore,
    async check(field = '_form') {
      const after = (await seatedPeople(trx, assemblyId)).length;
      const problem = seatProblem(panelSize, seatedBefore.length, after);
      if (problem) throw new CommandError(problem.code, field, problem.params);
    },
  };
}

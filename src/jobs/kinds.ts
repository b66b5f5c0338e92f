/**
 * Every kind of job Lotta runs. Adding a kind is one line here (its definition sits beside the
 * command that enqueues it). Built on first use: the kinds' modules import the job runner, which
 * imports this list.
 */
import { invitationDrawJob } from '../commands/invitation-draws.ts';
import { selectionJob } from '../commands/selection-runs.ts';
import type { AnyJobKind } from './job-kind.ts';

let byName: Map<string, AnyJobKind> | null = null;

export function findJobKind(name: string): AnyJobKind | undefined {
  byName ??= new Map(
    [selectionJob, invitationDrawJob].map((kind): [string, AnyJobKind] => [kind.name, kind]),
  );
  return byName.get(name);
}

/**
 * Replacing members who declined or dropped out. The replacement run keeps everyone still on the
 * panel and draws the new members together with them, so the whole panel meets the targets; this
 * module pairs the new members with the seats they fill and says what the change did to each target.
 */

export interface SeatToFill {
  personId: string;
  reference: string;
}

export interface ReplacementPair {
  replacedPersonId: string;
  replacementPersonId: string;
}

/** Count per question and value, before and after, for the audit trail and the report. */
export type TargetEffect = Record<string, Record<string, { before: number; after: number }>>;

/**
 * The people on the drawn panel who were not kept are the newcomers. They are paired with the people
 * who left, in reference order on both sides, which is arbitrary but reproducible: the pairing only
 * records who took whose seat, the panel is what the draw decided. The counts may differ: a seat can
 * be open without anyone having left it (a first panel drawn smaller), and someone's seat may have
 * been taken by hand meanwhile; the unpaired stay unpaired.
 */
export function pairReplacements(
  drawnPanel: readonly string[],
  kept: ReadonlySet<string>,
  seats: readonly SeatToFill[],
  referenceOf: (personId: string) => string,
): ReplacementPair[] {
  const newcomers = drawnPanel
    .filter((id) => !kept.has(id))
    .sort((a, b) => referenceOf(a).localeCompare(referenceOf(b)));
  const ordered = [...seats].sort((a, b) => a.reference.localeCompare(b.reference));
  return ordered
    .slice(0, newcomers.length)
    .map((seat, i) => ({ replacedPersonId: seat.personId, replacementPersonId: newcomers[i] }));
}

export function targetEffect(
  panelBefore: readonly string[],
  panelAfter: readonly string[],
  answersOf: (personId: string) => Record<string, string>,
): TargetEffect {
  const effect: TargetEffect = {};
  const count = (panel: readonly string[], side: 'before' | 'after') => {
    for (const id of panel) {
      for (const [question, value] of Object.entries(answersOf(id))) {
        effect[question] ??= {};
        effect[question][value] ??= { before: 0, after: 0 };
        effect[question][value][side]++;
      }
    }
  };
  count(panelBefore, 'before');
  count(panelAfter, 'after');
  return effect;
}

/**
 * The table-allocation engine's input and output: who sits at which table in each round of a
 * deliberation. Pure data; the engine (allocateTables.ts) reads nothing and writes nothing.
 *
 * Rounds and tables are 0-based here; files and screens count from 1.
 */

/** How a field steers the allocation. */
export type FieldMode = 'diversify' | 'cluster' | 'ignore';

export interface FieldRule {
  name: string;
  mode: FieldMode;
  /** For `diversify`: how much this field's deviation counts against the others' (default 1). */
  weight?: number;
}

export interface Participant {
  id: string;
  /** Field name → value, as written in the people file. */
  values: Readonly<Record<string, string>>;
}

/** One table of one round. */
export interface TablePlan {
  members: string[];
  facilitator: string | null;
}

export interface RoundPlan {
  tables: TablePlan[];
}

/** A hard rule: this person sits at this table in this round. */
export interface FixedPlacement {
  person: string;
  round: number;
  table: number;
}

export interface TablesInput {
  people: readonly Participant[];
  fields: readonly FieldRule[];
  /** Either the number of tables or the largest table size; with both, the number of tables wins. */
  tables?: number;
  tableSize?: number;
  /** Rounds in all, including those in `history`. */
  rounds: number;
  fixed?: readonly FixedPlacement[];
  /** Ids of the facilitators: one per table, not seated as members, not counted in diversity. */
  facilitators?: readonly string[];
  /** Pairs of people who must never sit at the same table. */
  apart?: readonly (readonly [string, string])[];
  /** Rounds that have already happened; they stay as they were and count in the meeting counts. */
  history?: readonly RoundPlan[];
  /** Who takes part in the rounds still to plan; everyone in `people` when absent. */
  present?: readonly string[];
  seed: string;
  /**
   * How hard to search, in evaluated moves (a count, not a time, so that a seed always gives the same
   * tables on every machine). Default: see allocateTables.ts.
   */
  effort?: number;
}

/**
 * A problem in the input that the organiser must fix. `code` is stable (the command line translates
 * by it) and `params` holds what the message needs.
 */
export class TablesInputError extends Error {
  constructor(
    readonly code: TablesErrorCode,
    readonly params: Readonly<Record<string, string | number>>,
    message: string,
  ) {
    super(message);
    this.name = 'TablesInputError';
  }
}

export type TablesErrorCode =
  | 'no-people'
  | 'too-many-people'
  | 'no-size'
  | 'bad-count'
  | 'too-many-tables'
  | 'unknown-person'
  | 'duplicate-person'
  | 'unknown-field'
  | 'cluster-too-large'
  | 'too-many-facilitators'
  | 'fixed-round'
  | 'fixed-table'
  | 'fixed-twice'
  | 'fixed-absent'
  | 'fixed-facilitator'
  | 'fixed-apart'
  | 'fixed-cluster'
  | 'fixed-full'
  | 'apart-self'
  | 'apart-cluster'
  | 'apart-impossible'
  | 'history-too-long'
  | 'history-person'
  | 'no-seating';

/** Deviation of one table from the assembly, per diversify field: Σ over values |table share − assembly share|. */
export interface TableReport {
  deviation: Record<string, number>;
  /** The weighted mean of `deviation` over the diversify fields. */
  weightedDeviation: number;
  /** Pairs at this table who sat together in an earlier round, with how often they had met before. */
  metBefore: { pair: [string, string]; times: number }[];
}

export interface RoundReport {
  tables: TableReport[];
}

/** A known limit for this instance, to judge the figures against. */
export interface KnownBound {
  code: 'social-golfer' | 'pigeonhole' | 'clusters' | 'contacts';
  /** What the bound says, as a number (rounds, pairs or contacts, see `code`). */
  value: number;
}

export interface TablesReport {
  rounds: RoundReport[];
  /** Pairs who met at least once. */
  distinctPairs: number;
  /** Pairs who met more than once. */
  repeatedPairs: number;
  /** The most times any pair met. */
  maxMeetings: number;
  /** Pairs forced together by the cluster fields in several rounds (they count in repeatedPairs). */
  clusterRepeatedPairs: number;
  contacts: { lowest: number; mean: number; mostPossible: number };
  /** Mean over rounds, tables and diversify fields (weighted) of the table deviation. */
  meanDeviation: number;
  /** The same per field (unweighted). */
  meanDeviationByField: Record<string, number>;
  bounds: KnownBound[];
}

export interface TablesResult {
  rounds: RoundPlan[];
  report: TablesReport;
}

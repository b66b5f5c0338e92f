/**
 * `npm run bench -- tables`: the table-allocation engine (src/grouping) on the known social-golfer
 * optima, GroupSelect's example data and synthetic assemblies. Every case checks the seating itself
 * (everyone present seated exactly once per round, table sizes within one, the hard rules) and the
 * figures against its goal, not only the time.
 */
import { readFile } from 'node:fs/promises';
import { allocateTables } from '../src/grouping/allocateTables.ts';
import type { FieldRule, Participant, TablesInput, TablesResult } from '../src/grouping/model.ts';
import { seatingProblems } from '../src/grouping/validate.ts';
import { parseTable } from '../src/io/table.ts';
import { createRandom } from '../src/sortition/random.ts';
import { sharedData } from '../test/support/shared-data.ts';

const shared = (path: string) => sharedData('tables', path);

interface Goal {
  repeated?: number;
  /** Repeated pairs beyond those the cluster fields force. */
  repeatedBeyondClusters?: number;
  distinct?: number;
  deviation?: number;
  seconds?: number;
}

interface TablesCase {
  name: string;
  goal: Goal;
  reference: string;
  input: () => Promise<TablesInput>;
  /** For re-allocation: the run whose first rounds become the history. */
  prepare?: (input: TablesInput) => TablesInput;
}

function anonymous(count: number): Participant[] {
  return Array.from({ length: count }, (_, i) => ({ id: `p${i + 1}`, values: {} }));
}

function golfer(tables: number, size: number, rounds: number, note = ''): TablesCase {
  return {
    name: `golfers ${tables} tables of ${size}, ${rounds} rounds`,
    goal: { repeated: 0 },
    reference: `known optimum: 0 repeated pairs${note}`,
    input: async () => ({ people: anonymous(tables * size), fields: [], tables, rounds, seed: 'bench' }),
  };
}

async function groupSelect(
  file: string,
  idColumn: string | undefined,
  fields: string[],
): Promise<Participant[]> {
  let text = await readFile(shared(file), 'utf8');
  // GroupSelect's file starts with an unnamed row-index column, which the project's reader rejects.
  if (text.startsWith(',')) text = `index${text}`;
  const table = parseTable(text, file);
  const column = (name: string) => table.headers.indexOf(name);
  const id = idColumn === undefined ? -1 : column(idColumn);
  return table.rows.map((row, i) => ({
    id: id >= 0 ? row.cells[id] : `row${i + 2}`,
    values: Object.fromEntries(fields.map((f) => [f, row.cells[column(f)]])),
  }));
}

/** People with skewed categorical values, as an assembly's recruitment might produce. */
function syntheticAssembly(count: number, fieldCount: number, seed: string): Participant[] {
  const random = createRandom(seed);
  const shapes = [
    [0.5, 0.5],
    [0.2, 0.3, 0.3, 0.2],
    [0.6, 0.3, 0.1],
    [0.4, 0.35, 0.25],
    [0.15, 0.25, 0.3, 0.2, 0.1],
  ];
  return Array.from({ length: count }, (_, i) => ({
    id: `m${i + 1}`,
    values: Object.fromEntries(
      Array.from({ length: fieldCount }, (_, f) => {
        const shares = shapes[f % shapes.length];
        let u = random.next();
        let v = 0;
        while (v < shares.length - 1 && u > shares[v]) u -= shares[v++];
        return [`field${f + 1}`, `v${v + 1}`];
      }),
    ),
  }));
}

const fieldsOf = (names: string[]): FieldRule[] => names.map((name) => ({ name, mode: 'diversify' }));

const cases: TablesCase[] = [
  golfer(3, 3, 4),
  golfer(4, 4, 5),
  golfer(5, 5, 6),
  golfer(5, 3, 7, " (Kirkman's schoolgirls)"),
  golfer(5, 4, 5),
  golfer(7, 4, 9),
  golfer(8, 4, 9),
  { ...golfer(8, 4, 10, ' (the record)'), goal: {} },
  {
    name: 'GroupSelect 30i_4j_3k_3d: 6 tables of 5, 5 rounds',
    goal: { repeated: 0, distinct: 300, deviation: 0.185 },
    reference: 'GroupSelect: 206 distinct, 73 repeated, max 4, deviation 0.185',
    input: async () => ({
      people: await groupSelect('30i_4j_3k_3d_data.csv', 'ID', ['gender', 'age', 'region']),
      fields: fieldsOf(['gender', 'age', 'region']),
      tables: 6,
      rounds: 5,
      seed: 'bench',
    }),
  },
  {
    name: 'GroupSelect philipps (110): 11 tables of 10, 6 rounds',
    goal: { repeated: 0, distinct: 2970, deviation: 0.126 },
    reference: 'GroupSelect: 1,727 distinct, 794 repeated, max 6, deviation 0.126',
    input: async () => {
      const fields = ['gender', 'age', 'education', 'ethnicity', 'region'];
      return {
        people: await groupSelect('philipps_example_data.csv', 'name', fields),
        fields: fieldsOf(fields),
        tables: 11,
        rounds: 6,
        seed: 'bench',
      };
    },
  },
  {
    name: '60 members, 5 fields, 10 tables of 6, 6 rounds',
    goal: { repeated: 0, seconds: 5 },
    reference: '',
    input: async () => ({
      people: syntheticAssembly(60, 5, 'assembly-60'),
      fields: fieldsOf(['field1', 'field2', 'field3', 'field4', 'field5']),
      tableSize: 6,
      rounds: 6,
      seed: 'bench',
    }),
  },
  {
    name: '60 members, 5 fields, 10 tables of 6, 8 rounds',
    goal: { seconds: 5 },
    reference: 'as few repeats as possible',
    input: async () => ({
      people: syntheticAssembly(60, 5, 'assembly-60'),
      fields: fieldsOf(['field1', 'field2', 'field3', 'field4', 'field5']),
      tableSize: 6,
      rounds: 8,
      seed: 'bench',
    }),
  },
  {
    name: '200 members, 25 tables of 8, 6 rounds, 6 languages clustered',
    goal: { seconds: 30, repeatedBeyondClusters: 0 },
    reference: 'repeats: only the pairs the clusters force',
    input: async () => {
      const people = syntheticAssembly(200, 4, 'assembly-200');
      const random = createRandom('languages');
      // Six interpretation languages with 2 to 5 people each; everyone else needs none.
      let next = 0;
      for (const lang of ['ar', 'fi', 'so', 'fa', 'ti', 'pl']) {
        const count = 2 + random.int(4);
        for (let k = 0; k < count; k++, next++) {
          const person = people[next * 7];
          person.values = { ...person.values, lang };
        }
      }
      for (const p of people) if (!('lang' in p.values)) p.values = { ...p.values, lang: '' };
      return {
        people,
        fields: [...fieldsOf(['field1', 'field2', 'field3', 'field4']), { name: 'lang', mode: 'cluster' }],
        tableSize: 8,
        rounds: 6,
        seed: 'bench',
      };
    },
  },
  {
    name: 're-allocation: round 4 of 60 after 7 absences',
    goal: { seconds: 1 },
    reference: 'history: rounds 1-3 of the 60-member 6-round plan',
    input: async () => ({
      people: syntheticAssembly(60, 5, 'assembly-60'),
      fields: fieldsOf(['field1', 'field2', 'field3', 'field4', 'field5']),
      tableSize: 6,
      rounds: 8,
      seed: 'bench',
    }),
    prepare: (input) => {
      const earlier = allocateTables({ ...input, rounds: 6 });
      const absent = new Set(['m3', 'm11', 'm17', 'm29', 'm38', 'm44', 'm59']);
      return {
        ...input,
        rounds: 4,
        history: earlier.rounds.slice(0, 3),
        present: input.people.map((p) => p.id).filter((id) => !absent.has(id)),
      };
    },
  },
];

function check(input: TablesInput, result: TablesResult, goal: Goal, seconds: number): string[] {
  const problems = seatingProblems(input, result);
  const r = result.report;
  if (goal.repeated !== undefined && r.repeatedPairs > goal.repeated)
    problems.push(`${r.repeatedPairs} repeated > ${goal.repeated}`);
  if (
    goal.repeatedBeyondClusters !== undefined &&
    r.repeatedPairs - r.clusterRepeatedPairs > goal.repeatedBeyondClusters
  ) {
    problems.push(
      `${r.repeatedPairs - r.clusterRepeatedPairs} repeated pairs beyond the clusters' ${r.clusterRepeatedPairs}`,
    );
  }
  if (goal.distinct !== undefined && r.distinctPairs < goal.distinct)
    problems.push(`${r.distinctPairs} distinct < ${goal.distinct}`);
  // GroupSelect's figures are rounded to three decimals, so the comparison is too.
  if (goal.deviation !== undefined && Number(r.meanDeviation.toFixed(3)) > goal.deviation) {
    problems.push(`deviation ${r.meanDeviation.toFixed(3)} > ${goal.deviation}`);
  }
  if (goal.seconds !== undefined && seconds > goal.seconds)
    problems.push(`${seconds.toFixed(1)} s > ${goal.seconds} s`);
  return problems;
}

/** Runs the cases whose name contains a filter word (all with "tables"); returns the number that failed. */
export async function runTablesBench(filter: readonly string[]): Promise<number> {
  const all = filter.length === 0 || filter.includes('tables');
  const chosen = all ? cases : cases.filter((c) => filter.some((f) => c.name.includes(f)));
  if (chosen.length === 0) return 0;
  const rows: string[] = [];
  let failures = 0;
  for (const benchCase of chosen) {
    let input = await benchCase.input();
    if (benchCase.prepare) input = benchCase.prepare(input);
    const started = performance.now();
    const result = allocateTables(input);
    const seconds = (performance.now() - started) / 1000;
    const problems = check(input, result, benchCase.goal, seconds);
    if (problems.length > 0) failures++;
    const r = result.report;
    const line =
      `| ${benchCase.name} | ${r.distinctPairs.toLocaleString('en-GB')} | ${r.repeatedPairs} | ${r.maxMeetings} | ` +
      `${r.contacts.lowest} / ${r.contacts.mean.toFixed(1)} / ${r.contacts.mostPossible} | ${r.meanDeviation.toFixed(4)} | ${seconds.toFixed(2)} s | ` +
      `${problems.length === 0 ? 'ok' : `FAILED: ${problems.join('; ')}`} | ${benchCase.reference} |`;
    rows.push(line);
    console.log(line);
  }
  console.log(
    '\n| case | distinct pairs | repeated pairs | max meetings | contacts lowest / mean / most possible | mean deviation | time | check | reference |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  return failures;
}

/**
 * Synthetic pools for benchmarks. The real pools of the Nature paper (Flanigan et al. 2021) are
 * withheld for privacy, so the benchmark builds look-alikes: the same pool size, panel size and
 * number of features, a self-selected volunteer pool that is skewed against the population (older,
 * more educated, more concerned about the topic, with correlated skews), and quotas proportional
 * to the population. That mismatch between pool and quotas is what makes selection hard and
 * LEGACY unfair, so a pool without it would flatter every algorithm.
 *
 * Everything is seeded through random.ts: the same spec gives the same pool, person by person.
 */
import { legacyDraw } from '../src/sortition/legacy.ts';
import type { Person, Quota } from '../src/sortition/model.ts';
import { createRandom, type Random } from '../src/sortition/random.ts';

export type SyntheticShape = 'paperLargest' | 'sfBenchmark' | 'largeAssembly' | 'europeanPanel';

export interface SyntheticPoolSpec {
  shape: SyntheticShape;
  /** Default 'lotta-bench'. */
  seed?: string;
  /** Share of the pool living in two-person households (default 0: the paper's pools had none). */
  householdShare?: number;
}

export interface SyntheticPool {
  shape: SyntheticShape;
  /** The seed the pool was built from: the spec's, or a later one when that gave an infeasible pool. */
  seed: string;
  people: Person[];
  quotas: Quota[];
  panelSize: number;
}

interface FeatureShape {
  name: string;
  values: string[];
  /** Shares in the population: the quota targets. */
  population: number[];
  /** Shares among volunteers before correlations: the pool's skew. */
  volunteers: number[];
  /** Correlation with an earlier feature: weights multiplied by the row of the earlier value. */
  dependsOn?: { feature: string; multipliers: number[][] };
}

interface PoolShape {
  poolSize: number;
  panelSize: number;
  /** Relative width of the quota band around each target: min = ⌊t(1−b)⌋, max = ⌈t(1+b)⌉. */
  band: number;
  features: FeatureShape[];
}

const AGE_SIX = ['16-24', '25-34', '35-44', '45-54', '55-64', '65+'];
const EDUCATION_FOUR = ['no qualifications', 'secondary', 'vocational', 'degree'];

/**
 * Like "sf_e", the paper's largest instance: 1727 volunteers, 110 seats, 7 features. Skews follow
 * what organisers report of letter-invitation pools: older, more degrees, more concerned, the
 * capital over-represented, minorities under-represented.
 */
const PAPER_LARGEST: PoolShape = {
  poolSize: 1727,
  panelSize: 110,
  band: 0.1,
  features: [
    {
      name: 'gender',
      values: ['female', 'male', 'other'],
      population: [0.51, 0.485, 0.005],
      volunteers: [0.55, 0.44, 0.01],
    },
    {
      name: 'age',
      values: AGE_SIX,
      population: [0.13, 0.17, 0.16, 0.17, 0.15, 0.22],
      volunteers: [0.06, 0.11, 0.14, 0.18, 0.23, 0.28],
    },
    {
      name: 'region',
      values: ['north', 'north-east', 'east', 'capital', 'south-east', 'south-west', 'west', 'islands'],
      population: [0.09, 0.12, 0.1, 0.16, 0.17, 0.14, 0.18, 0.04],
      volunteers: [0.07, 0.1, 0.1, 0.24, 0.19, 0.13, 0.14, 0.03],
    },
    {
      name: 'education',
      values: EDUCATION_FOUR,
      population: [0.18, 0.36, 0.2, 0.26],
      volunteers: [0.07, 0.25, 0.18, 0.5],
      // Older volunteers hold fewer degrees; the youngest have not finished theirs yet.
      dependsOn: {
        feature: 'age',
        multipliers: [
          [0.9, 1.5, 1, 0.6],
          [0.6, 0.9, 1, 1.3],
          [0.7, 0.9, 1, 1.2],
          [1, 1, 1, 1],
          [1.3, 1.1, 1, 0.85],
          [1.8, 1.2, 1, 0.7],
        ],
      },
    },
    {
      name: 'ethnicity',
      values: ['white', 'asian', 'black', 'mixed', 'other'],
      population: [0.82, 0.08, 0.04, 0.03, 0.03],
      volunteers: [0.88, 0.05, 0.025, 0.03, 0.015],
    },
    {
      name: 'urban-rural',
      values: ['urban', 'rural'],
      population: [0.8, 0.2],
      volunteers: [0.78, 0.22],
      dependsOn: {
        feature: 'region',
        multipliers: [
          [0.8, 1.6],
          [1, 1],
          [0.9, 1.3],
          [1.5, 0.2],
          [1, 1],
          [0.9, 1.4],
          [1.1, 0.8],
          [0.5, 2.5],
        ],
      },
    },
    {
      name: 'attitude',
      values: ['very concerned', 'fairly concerned', 'not concerned'],
      population: [0.35, 0.4, 0.25],
      volunteers: [0.55, 0.3, 0.15],
      dependsOn: {
        feature: 'education',
        multipliers: [
          [0.8, 1, 1.4],
          [0.9, 1, 1.1],
          [1, 1, 1],
          [1.3, 1, 0.7],
        ],
      },
    },
  ],
};

/** Like the Sortition Foundation's maximin benchmark: 750 volunteers, 112 seats, 5 features. */
const SF_BENCHMARK: PoolShape = {
  poolSize: 750,
  panelSize: 112,
  band: 0.1,
  features: [
    {
      name: 'gender',
      values: ['female', 'male', 'non-binary or other'],
      population: [0.505, 0.485, 0.01],
      volunteers: [0.54, 0.445, 0.015],
    },
    {
      name: 'age',
      values: ['16-29', '30-44', '45-59', '60-74', '75+'],
      population: [0.22, 0.25, 0.25, 0.19, 0.09],
      volunteers: [0.12, 0.22, 0.28, 0.29, 0.09],
    },
    {
      name: 'region',
      values: ['highlands', 'north-east', 'central', 'glasgow', 'lothian', 'south'],
      population: [0.09, 0.15, 0.22, 0.23, 0.17, 0.14],
      volunteers: [0.08, 0.13, 0.19, 0.22, 0.25, 0.13],
    },
    {
      name: 'education',
      values: ['level 1 or none', 'level 2 or 3', 'level 4 and above'],
      population: [0.33, 0.38, 0.29],
      volunteers: [0.17, 0.33, 0.5],
      dependsOn: {
        feature: 'age',
        multipliers: [
          [0.8, 1.4, 0.8],
          [0.7, 0.9, 1.3],
          [1, 1, 1],
          [1.4, 1, 0.8],
          [1.9, 1, 0.6],
        ],
      },
    },
    {
      name: 'urban-rural',
      values: ['urban', 'small town', 'rural'],
      population: [0.7, 0.13, 0.17],
      volunteers: [0.7, 0.12, 0.18],
      dependsOn: {
        feature: 'region',
        multipliers: [
          [0.4, 1.5, 3],
          [0.9, 1.1, 1.3],
          [1, 1.2, 0.8],
          [1.4, 0.3, 0.1],
          [1.2, 0.8, 0.6],
          [0.7, 1.4, 1.8],
        ],
      },
    },
  ],
};

/**
 * A large registration pool as a national assembly's letters bring in (issue 8: about 20,000
 * registered people): 20,000 volunteers, 60 seats, the four features of the demo assembly. Few
 * features keep the number of types (at most 180) small, so LEXIMIN finishes; what the case measures
 * is everything around the engine: expanding, storing and showing a result over 20,000 people.
 */
const LARGE_ASSEMBLY: PoolShape = {
  poolSize: 20_000,
  panelSize: 60,
  band: 0.1,
  features: [
    {
      name: 'gender',
      values: ['female', 'male', 'non-binary or other'],
      population: [0.5, 0.49, 0.01],
      volunteers: [0.55, 0.435, 0.015],
    },
    {
      name: 'age',
      values: ['16-29', '30-44', '45-59', '60-74', '75+'],
      population: [0.22, 0.25, 0.25, 0.19, 0.09],
      volunteers: [0.12, 0.22, 0.28, 0.29, 0.09],
    },
    {
      name: 'region',
      values: ['north', 'middle', 'stockholm', 'east', 'west', 'south'],
      population: [0.1, 0.15, 0.24, 0.16, 0.19, 0.16],
      volunteers: [0.08, 0.13, 0.3, 0.15, 0.19, 0.15],
    },
    {
      name: 'education',
      values: ['compulsory', 'upper secondary', 'university'],
      population: [0.2, 0.42, 0.38],
      volunteers: [0.1, 0.35, 0.55],
    },
  ],
};

/** EU member states with their populations (millions, 2023), largest first. */
const EU_COUNTRIES: [string, number][] = [
  ['DE', 84.4],
  ['FR', 68.2],
  ['IT', 59.0],
  ['ES', 48.1],
  ['PL', 36.8],
  ['RO', 19.1],
  ['NL', 17.8],
  ['BE', 11.7],
  ['CZ', 10.8],
  ['SE', 10.5],
  ['PT', 10.5],
  ['GR', 10.4],
  ['HU', 9.6],
  ['AT', 9.1],
  ['BG', 6.4],
  ['DK', 5.9],
  ['FI', 5.6],
  ['SK', 5.4],
  ['IE', 5.3],
  ['HR', 3.9],
  ['LT', 2.9],
  ['SI', 2.1],
  ['LV', 1.9],
  ['EE', 1.4],
  ['CY', 0.9],
  ['LU', 0.66],
  ['MT', 0.54],
];
const EU_TOTAL = EU_COUNTRIES.reduce((sum, [, people]) => sum + people, 0);

/**
 * A European Citizens' Panel-sized case: 10,000 volunteers from the 27 member states, 200 seats,
 * country in proportion to population plus gender, age (5), education (3) and urban/rural. Up to
 * 27·2·5·3·2 = 1,620 types, more than paperLargest's 965. Volunteering varies by country (some
 * answer letters twice as often as others), and the usual skews towards the old and educated.
 */
const EUROPEAN_PANEL: PoolShape = {
  poolSize: 10_000,
  panelSize: 200,
  band: 0.1,
  features: [
    {
      name: 'country',
      values: EU_COUNTRIES.map(([code]) => code),
      population: EU_COUNTRIES.map(([, people]) => people / EU_TOTAL),
      volunteers: EU_COUNTRIES.map(
        ([, people], i) => (people / EU_TOTAL) * (0.6 + (0.8 * ((i * 7) % 5)) / 4),
      ),
    },
    { name: 'gender', values: ['female', 'male'], population: [0.51, 0.49], volunteers: [0.47, 0.53] },
    {
      name: 'age',
      values: ['16-29', '30-44', '45-59', '60-74', '75+'],
      population: [0.19, 0.23, 0.26, 0.21, 0.11],
      volunteers: [0.12, 0.2, 0.28, 0.3, 0.1],
    },
    {
      name: 'education',
      values: ['lower', 'middle', 'higher'],
      population: [0.27, 0.46, 0.27],
      volunteers: [0.12, 0.4, 0.48],
    },
    { name: 'area', values: ['urban', 'rural'], population: [0.72, 0.28], volunteers: [0.8, 0.2] },
  ],
};

const SHAPES: Record<SyntheticShape, PoolShape> = {
  paperLargest: PAPER_LARGEST,
  sfBenchmark: SF_BENCHMARK,
  largeAssembly: LARGE_ASSEMBLY,
  europeanPanel: EUROPEAN_PANEL,
};

/** Regenerating more often than this means the shape itself is wrong, not the luck of the seed. */
const MAX_REGENERATIONS = 20;
/** LEGACY attempts per pool before calling it infeasible; LEGACY succeeds far more often than that. */
const FEASIBILITY_ATTEMPTS = 200;

function weightedIndex(weights: readonly number[], random: Random): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let point = random.next() * total;
  for (let index = 0; index < weights.length; index++) {
    point -= weights[index];
    if (point < 0) return index;
  }
  return weights.length - 1;
}

function drawPeople(shape: PoolShape, householdShare: number, random: Random): Person[] {
  const featureIndex = new Map(shape.features.map((feature, index) => [feature.name, index]));
  const people: Person[] = [];
  const width = String(shape.poolSize).length;
  for (let i = 0; i < shape.poolSize; i++) {
    const chosen: number[] = [];
    const features: Record<string, string> = {};
    for (const feature of shape.features) {
      let weights = feature.volunteers;
      if (feature.dependsOn) {
        const parent = chosen[featureIndex.get(feature.dependsOn.feature)!];
        const row = feature.dependsOn.multipliers[parent];
        weights = weights.map((weight, index) => weight * row[index]);
      }
      const value = weightedIndex(weights, random);
      chosen.push(value);
      features[feature.name] = feature.values[value];
    }
    people.push({ id: `p${String(i + 1).padStart(width, '0')}`, features });
  }
  // Pair random people into households; they were drawn independently, as flatmates often differ.
  const pairs = Math.floor((shape.poolSize * householdShare) / 2);
  const order = random.shuffle(people.map((_, index) => index));
  for (let pair = 0; pair < pairs; pair++) {
    people[order[2 * pair]].household = `h${pair + 1}`;
    people[order[2 * pair + 1]].household = `h${pair + 1}`;
  }
  return people;
}

function proportionalQuotas(shape: PoolShape): Quota[] {
  return shape.features.flatMap((feature) =>
    feature.values.map((value, index) => {
      const target = feature.population[index] * shape.panelSize;
      return {
        feature: feature.name,
        value,
        min: Math.max(0, Math.floor(target * (1 - shape.band))),
        max: Math.ceil(target * (1 + shape.band)),
      };
    }),
  );
}

/**
 * One panel meeting the quotas, found by repeated LEGACY draws, or null. A pool where greedy
 * draws keep failing is of no use to a benchmark that compares LEGACY with LEXIMIN either.
 */
export function findFeasiblePanel(
  pool: Omit<SyntheticPool, 'shape' | 'seed'>,
  random: Random,
): string[] | null {
  const input = {
    people: pool.people,
    targets: { kind: 'quotas' as const, quotas: pool.quotas },
    panelSize: pool.panelSize,
  };
  for (let attempt = 0; attempt < FEASIBILITY_ATTEMPTS; attempt++) {
    const panel = legacyDraw(input, random);
    if (panel) return panel;
  }
  return null;
}

export function syntheticPool(spec: SyntheticPoolSpec): SyntheticPool {
  const shape = SHAPES[spec.shape];
  const householdShare = spec.householdShare ?? 0;
  if (!(householdShare >= 0 && householdShare <= 1)) {
    throw new RangeError(`householdShare must be between 0 and 1, not ${householdShare}`);
  }
  const baseSeed = spec.seed ?? 'lotta-bench';
  const quotas = proportionalQuotas(shape);
  for (let regeneration = 0; regeneration < MAX_REGENERATIONS; regeneration++) {
    const seed = regeneration === 0 ? baseSeed : `${baseSeed}#${regeneration}`;
    const random = createRandom(seed);
    const people = drawPeople(shape, householdShare, random);
    const pool = { people, quotas, panelSize: shape.panelSize };
    if (findFeasiblePanel(pool, random)) return { shape: spec.shape, seed, ...pool };
  }
  throw new Error(`No feasible ${spec.shape} pool in ${MAX_REGENERATIONS} seeds from "${baseSeed}".`);
}

/**
 * A synthetic register extract shaped like the Swedish population address register (SPAR) an
 * organiser orders for an invitation lottery: one row per adult with name, address, postcode,
 * municipality, age and sex. Households are about 1.3 rows (a quarter of the people share their
 * address with someone), municipalities follow a steep size skew like Sweden's 290 (Stockholm
 * alone ~9 %, the smallest a few thousand people), and the text has what real exports have: å, ä and
 * ö, quoted names with commas, addresses spelled differently within one household.
 *
 * Seeded through src/sortition/random.ts: the same spec gives the same file, byte for byte.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { createRandom } from '../src/sortition/random.ts';

/** The largest municipalities by name, in order; the rest of the 290 get numbered names. */
const LARGEST = [
  'Stockholm',
  'Göteborg',
  'Malmö',
  'Uppsala',
  'Linköping',
  'Örebro',
  'Västerås',
  'Helsingborg',
  'Norrköping',
  'Jönköping',
  'Umeå',
  'Lund',
  'Borås',
  'Huddinge',
  'Eskilstuna',
  'Nacka',
  'Halmstad',
  'Sundsvall',
  'Södertälje',
  'Botkyrka',
  'Gävle',
  'Växjö',
  'Haninge',
  'Kristianstad',
  'Kungsbacka',
  'Luleå',
  'Solna',
  'Järfälla',
  'Täby',
  'Sollentuna',
];
export const MUNICIPALITY_COUNT = 290;

const FIRST_NAMES = [
  'Anna',
  'Eva',
  'Maria',
  'Karin',
  'Sara',
  'Lena',
  'Kerstin',
  'Emma',
  'Ingrid',
  'Marie',
  'Malin',
  'Åsa',
  'Lars',
  'Mikael',
  'Anders',
  'Johan',
  'Erik',
  'Per',
  'Karl',
  'Peter',
  'Jan',
  'Thomas',
  'Björn',
  'Göran',
  'Ali',
  'Mohammed',
  'Fatima',
  'Zeynep',
  'Aleksandra',
  'Józef',
  'Ännie',
  'Örjan',
];
const LAST_NAMES = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Jönsson',
  'Lindberg',
  'Jakobsson',
  'Magnusson',
  'Lindström',
  'Öberg',
  'Åberg',
  'Hussein',
  'Ahmed',
  'Nguyen',
  'Kowalski',
];
const STREETS = [
  'Storgatan',
  'Kungsgatan',
  'Drottninggatan',
  'Skolgatan',
  'Järnvägsgatan',
  'Västra vägen',
  'Östra Ringvägen',
  'Björkvägen',
  'Ringvägen',
  'Parkvägen',
  'Åsgatan',
  'Kyrkogatan',
  'Industrigatan',
  'Södra Förstadsgatan',
  'Nygatan',
  'Tallvägen',
  'Granvägen',
  'Ängsvägen',
  'Hamngatan',
  'Mölndalsvägen',
  'Linnégatan',
  'Vasagatan',
];

export interface RegisterExtractSpec {
  rows: number;
  /** Default 'lotta-register-extract'. */
  seed?: string;
  /** Default ','. */
  delimiter?: ',' | ';';
}

export interface RegisterExtract {
  rows: number;
  /** Municipality names, largest first. */
  municipalities: string[];
  columns: string[];
}

export function municipalityNames(): string[] {
  const names = [...LARGEST];
  for (let i = names.length; i < MUNICIPALITY_COUNT; i++)
    names.push(`Kommun ${String(i + 1).padStart(3, '0')}`);
  return names;
}

/** Writes the extract to `path` and says what is in it. */
export function writeRegisterExtract(path: string, spec: RegisterExtractSpec): RegisterExtract {
  const random = createRandom(spec.seed ?? 'lotta-register-extract');
  const d = spec.delimiter ?? ',';
  const municipalities = municipalityNames();
  // Sizes fall off like Sweden's: share ∝ 1/(rank + 2)^1.1 puts ~9 % in the largest and a few
  // thousand people in the smallest of a 10-million population.
  const shares = municipalities.map((_, rank) => 1 / (rank + 2) ** 1.1);
  const cumulative: number[] = [];
  let sum = 0;
  for (const share of shares) {
    sum += share;
    cumulative.push(sum);
  }
  const pickMunicipality = () => {
    const u = random.next() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid] < u) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const nextAddress = municipalities.map(() => random.int(1000));
  const columns = ['namn', 'adress', 'postnummer', 'kommun', 'alder', 'kon'];
  const quote = (text: string) =>
    text.includes(d) || text.includes('"') ? `"${text.replaceAll('"', '""')}"` : text;

  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${columns.join(d)}\n`);
    let written = 0;
    let batch: string[] = [];
    while (written < spec.rows) {
      const m = pickMunicipality();
      // A unique address per household: street, number and, for flats, the flat number (lgh).
      const n = nextAddress[m]++;
      const street = STREETS[n % STREETS.length];
      const number = 1 + (Math.floor(n / STREETS.length) % 150);
      const flat = Math.floor(n / (STREETS.length * 150));
      const address =
        flat > 0 || random.next() < 0.5
          ? `${street} ${number} lgh ${1000 + flat * 7 + random.int(7)}`
          : `${street} ${number}`;
      const postcode = `${String(10 + Math.floor((m * 89) / MUNICIPALITY_COUNT)).padStart(2, '0')}${random.int(10)} ${String(random.int(100)).padStart(2, '0')}`;
      const u = random.next();
      const size = u < 0.76 ? 1 : u < 0.95 ? 2 : 3;
      const family = LAST_NAMES[random.int(LAST_NAMES.length)];
      for (let k = 0; k < size && written < spec.rows; k++) {
        const first = FIRST_NAMES[random.int(FIRST_NAMES.length)];
        const name = random.next() < 0.05 ? `${family}, ${first}` : `${first} ${family}`;
        // Registers are not always consistent about case and punctuation within one household.
        const spelled = k > 0 && random.next() < 0.1 ? `${address.toUpperCase()}.` : address;
        const age = 16 + random.int(80);
        const sex = random.next() < 0.5 ? 'K' : 'M';
        batch.push([quote(name), quote(spelled), postcode, municipalities[m], String(age), sex].join(d));
        written++;
      }
      if (batch.length >= 20_000) {
        writeSync(fd, `${batch.join('\n')}\n`);
        batch = [];
      }
    }
    if (batch.length > 0) writeSync(fd, `${batch.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
  return { rows: spec.rows, municipalities, columns };
}

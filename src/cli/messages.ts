/**
 * Every sentence the `lotta` command line prints itself, in English and Swedish. Both catalogues have
 * the type `Messages` (the shape of the English one), so a key missing from the Swedish catalogue is a
 * type error rather than a blank line in front of a municipality's organisers.
 *
 * Messages from the readers (src/io) and the engine (src/sortition) are English; the engine's findings
 * and exclusions carry a stable `code` and are translated here by code, falling back to the English
 * text when a translation cannot be built (an unknown code or missing parameters).
 */
import type { Finding, Progress } from '../sortition/model.ts';

export type Lang = 'en' | 'sv';
export const LANGS: readonly Lang[] = ['en', 'sv'];

/** Finding codes the engine uses (src/sortition/instance.ts, relaxQuotas.ts, selectPanel.ts). */
export type FindingCode =
  | 'min-above-pool'
  | 'min-above-size'
  | 'minimums-above-size'
  | 'maximums-below-size'
  | 'relax-min'
  | 'relax-max'
  | 'no-relaxation'
  | 'kept-share-household'
  | 'value-without-target'
  | 'target-without-people'
  | 'target-above-pool';

/** Codes of `SelectionResult.excluded` (why someone has probability 0). */
export type ExclusionCode =
  | 'quota-closed'
  | 'household-of-kept'
  | 'deviation'
  | 'no-feasible-panel'
  | 'never-drawn';

export interface FindingText {
  message: string;
  suggestion?: string;
}

/** A translation of one finding, or undefined when it cannot be built and the English text must do. */
type FindingTranslation = (finding: Finding) => FindingText | undefined;

/**
 * What the summary knows about one person with probability 0: the engine's English reason, and the
 * facts the CLI can recompute from the input so a translation need not parse that English.
 */
export interface ExclusionContext {
  reason: string;
  /** `feature=value` of the quota with maximum 0 that shuts the person out. */
  closedQuota?: string;
  /** Id of a kept person in the same household. */
  keptHousemate?: string;
}

/** The English catalogue keeps the engine's own wording. */
const asGiven: FindingTranslation = (finding) => ({
  message: finding.message,
  suggestion: finding.suggestion,
});

/** A numeric parameter of a finding, or undefined when the engine did not send it. */
function num(finding: Finding, name: string): number | undefined {
  const value = finding.params?.[name];
  return typeof value === 'number' ? value : undefined;
}

function people(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

const en = {
  /** Locale for numbers in summaries (decimal point or comma). */
  numberLocale: 'en-GB',
  help: {
    program: "Lotta: select citizens' assembly panels by fair sortition, and draw one in public.",
    lang: 'language of messages and summaries (en or sv)',
    version: 'print the version of the selection engine',
    helpOption: 'show this help',
    helpCommand: 'show the help of a command',
    after:
      '\nExit codes: 0 done, 1 bad input, 2 no panel meets the quotas, 3 verification failed, 130 cancelled.\n' +
      'Example:\n' +
      '  lotta select --pool pool.csv --quotas quotas.csv --size 22 --household address,postcode --panels 1000 --out selection.json\n' +
      '  lotta commit --lottery selection.json --out commitment.json\n' +
      '  lotta draw --lottery selection.json --seed "announced numbers" --out transcript.json\n' +
      '  lotta verify transcript.json --commitment commitment.json --seed "announced numbers"\n' +
      '  lotta invite --register register.csv --count 7000 --seed "long private text" --household address,postcode --stratify municipality --out letters.csv\n',
    select: {
      description:
        'Compute every volunteer’s probability of being selected (a fair distribution over panels that meet the quotas).',
      pool: 'the volunteers: CSV or .xlsx, one row per person',
      quotas: 'the targets: a quota table (CSV or .xlsx) or point targets (.json)',
      size: 'number of seats on the panel',
      idColumn: 'column with the person ids (default: id, unique_id or nationbuilder_id; else row numbers)',
      household:
        'comma-separated address columns; people with the same address never sit on one panel together',
      keep: 'file of ids (one per line) who must be on the panel, e.g. confirmed members in a replacement round',
      algorithm:
        'leximin (fairest to the least likely), maximin, nash or legacy (the greedy draw, estimated)',
      samples: 'number of draws for the legacy estimate',
      seed: 'seed for anything random (legacy draws, tie-breaking)',
      tolerance: 'point targets only: extra weighted deviation allowed above the smallest possible one',
      panels: 'also round the result to a lottery of this many equally likely panels, for `lotta draw`',
      out: 'write the result to this file instead of standard output',
      format: 'json (the selection file) or text (the summary only)',
      quiet: 'print neither the summary nor the progress on standard error',
    },
    commit: {
      description: 'Print the commitment (a hash) to publish before the seed of the draw is known.',
      lottery: 'selection file written by `lotta select ... --panels M`',
      out: 'write the commitment file here instead of standard output',
    },
    draw: {
      description: 'Draw one panel from the lottery with the announced seed, and write a transcript.',
      lottery: 'selection file written by `lotta select ... --panels M`',
      seed: 'the public random value announced for the draw',
      out: 'write the transcript here instead of standard output',
    },
    invite: {
      description:
        'Draw the invitation letters from a register extract: at most one per household, uniformly or stratified by area, each with its own invite code.',
      register: 'the register extract: CSV (comma, semicolon or tab; UTF-8), one row per person',
      count: 'number of letters to draw',
      seed: 'seed of the draw: the same seed gives the same letters and invite codes. Keep it private: the codes are derived from it',
      household:
        'comma-separated address columns; rows with the same address get at most one letter between them',
      stratify:
        'column to stratify by (e.g. the municipality): letters in proportion to the households of each value',
      weights:
        'oversampling weights per stratum: CSV (stratum,weight) or JSON ({"stratum": weight}); needs --stratify',
      out: 'the letters file to write: the drawn rows with all their columns plus invite_code (CSV, UTF-8 with BOM)',
    },
    serve: {
      description:
        'Start the Lotta web application (SQLite file in LOTTA_DATA_DIR, default ./data; DATABASE_URL=postgres://… for PostgreSQL).',
      demo: 'also load a demo assembly with a few hundred fictional volunteers',
      port: 'port to listen on (default: PORT or 3000)',
      host: 'address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)',
    },
    worker: {
      description:
        "Run Lotta's jobs (selection runs and other long tasks) from the PostgreSQL queue until stopped (DATABASE_URL=postgres://…; start as many as needed).",
      concurrency: 'jobs this worker runs at a time (default: LOTTA_WORKER_CONCURRENCY or 1)',
    },
    verify: {
      description: 'Redo a draw from its transcript and check it; exit 3 when anything does not match.',
      transcript: 'the transcript written by `lotta draw`',
      commitment: 'the published commitment: 64 hex digits, or the file written by `lotta commit`',
      seed: 'the seed that was announced, so that a swapped seed is caught',
    },
  },
  errors: {
    option: (option: string, problem: string, given: string) => `${option} ${problem} (got "${given}").`,
    wholeNumber: (min: number) => `must be a whole number of ${min} or more`,
    nonNegativeNumber: 'must be a number of 0 or more',
    oneOf: (choices: readonly string[]) => `must be one of ${choices.join(', ')}`,
    columnList: 'must name at least one column, separated by commas',
    sizeAbovePool: (poolFile: string, size: number, count: number) =>
      `${poolFile}: the panel size ${size} is larger than the pool (${people(count, 'person', 'people')}); ` +
      'lower --size or add people to the pool.',
    keepNotInPool: (keepFile: string, id: string, poolFile: string) =>
      `${keepFile}: the kept person "${id}" is not in ${poolFile}; check the id or add the person to the pool.`,
    keepAboveSize: (keepFile: string, kept: number, size: number) =>
      `${keepFile}: ${people(kept, 'person is', 'people are')} kept, more than the panel size ${size}.`,
    toleranceWithoutPoints: (targetsFile: string) =>
      `--tolerance applies to point targets (a .json file) only, and ${targetsFile} holds quotas; leave it out.`,
    samplesWithoutLegacy:
      '--samples is used by --algorithm legacy only; leave it out or add --algorithm legacy.',
    panelsWithLegacy:
      '--panels needs a distribution over panels, which --algorithm legacy does not compute; use leximin, maximin or nash.',
    notEmpty: 'must not be empty',
    weightsWithoutStratify:
      '--weights needs --stratify: name the register column the weights refer to (e.g. --stratify municipality).',
    inviteCodeColumn: (file: string) =>
      `${file} already has a column called invite_code; rename or delete it, since the letters file adds that column.`,
    cannotWrite: (file: string, reason: string) => `Cannot write ${file}: ${reason}.`,
    internal: (message: string) => `internal error: ${message}`,
    debugHint: 'Run again with LOTTA_DEBUG=1 to see where it happened.',
    cancelling: 'Cancelling… (press Ctrl-C again to stop at once)',
    cancelled: 'cancelled',
  },
  progress: {
    phases: {
      prepare: 'preparing',
      'initial-panels': 'finding first panels',
      leximin: 'leximin',
      maximin: 'maximin',
      nash: 'nash',
      legacy: 'legacy draws',
      decompose: 'building panels and lottery',
      done: 'done',
    } satisfies Record<Progress['phase'], string>,
  },
  summary: {
    ok: (algorithm: string, size: number, pool: number, seconds: string) =>
      `Selection done (${algorithm}): panel size ${size}, ${people(pool, 'person', 'people')} in the pool, ${seconds} s.`,
    infeasible: (algorithm: string, size: number, pool: number, seconds: string) =>
      `No panel meets the quotas (${algorithm}): panel size ${size}, ${people(pool, 'person', 'people')} in the pool, ${seconds} s.`,
    columns: {
      feature: 'Feature',
      value: 'Value',
      weight: 'Weight',
      target: 'Target',
      pool: 'Pool',
      expected: 'Expected on panel',
    },
    noTarget: '(none)',
    probabilities: (count: number, min: string, median: string, max: string) =>
      `Probability of selection for the ${people(count, 'person', 'people')} with a chance: ` +
      `min ${min}, median ${median}, max ${max}.`,
    kept: (count: number) =>
      `${people(count, 'kept person is', 'kept people are')} on every panel (probability 1).`,
    everybodyHasAChance: 'Everybody in the pool has a chance of being selected.',
    zeroHeading: (count: number) => `${people(count, 'person has', 'people have')} probability 0:`,
    zeroGroup: (count: number, reason: string, ids: string) => `${count} × ${reason} (${ids})`,
    moreIds: (count: number) => `, and ${count} more`,
    deviation: (best: string, allowed: string) =>
      `Weighted deviation from the point targets: smallest possible ${best}, allowed ${allowed}.`,
    lottery: (size: number, deviation: string) =>
      `Lottery for the public draw: ${size} equally likely panels; ` +
      `largest difference from the exact probabilities ${deviation}.`,
    diagnosticsHeading: 'Why no panel meets the quotas:',
    relaxationHeading: 'The smallest change to the quotas that makes a panel possible:',
    relaxation: (quota: string, bound: 'min' | 'max', from: number, to: number) =>
      `${quota}: ${bound === 'min' ? 'minimum' : 'maximum'} ${from} → ${to}`,
    warningsHeading: 'Warnings:',
  },
  invite: {
    progress: (rows: string) => `Reading the register… ${rows} rows`,
    read: (rows: string, households: string) => `Read ${rows} rows: ${households} households.`,
    drew: (letters: string, file: string) => `Drew ${letters} letters into ${file}.`,
    strataHeading: (column: string) => `Letters per stratum (${column}):`,
    columns: { stratum: 'Stratum', households: 'Households', weight: 'Weight', letters: 'Letters' },
    blank: '(blank)',
    moreStrata: (count: string, letters: string) => `… and ${count} more strata with ${letters} letters.`,
  },
  findings: {
    'min-above-pool': asGiven,
    'min-above-size': asGiven,
    'minimums-above-size': asGiven,
    'maximums-below-size': asGiven,
    'relax-min': asGiven,
    'relax-max': asGiven,
    'no-relaxation': asGiven,
    'kept-share-household': asGiven,
    'value-without-target': asGiven,
    'target-without-people': asGiven,
    'target-above-pool': asGiven,
  } satisfies Record<FindingCode, FindingTranslation>,
  exclusions: {
    'quota-closed': (c: ExclusionContext) => c.reason,
    'household-of-kept': (c: ExclusionContext) => c.reason,
    deviation: (c: ExclusionContext) => c.reason,
    'no-feasible-panel': (c: ExclusionContext) => c.reason,
    'never-drawn': (c: ExclusionContext) => c.reason,
  } satisfies Record<ExclusionCode, (context: ExclusionContext) => string>,
};

export type Messages = typeof en;

const sv: Messages = {
  numberLocale: 'sv-SE',
  help: {
    program: 'Lotta: lotta fram paneler till medborgarråd med rättvist urval, och dra en av dem offentligt.',
    lang: 'språk för meddelanden och sammanfattningar (en eller sv)',
    version: 'visa urvalsmotorns version',
    helpOption: 'visa den här hjälpen',
    helpCommand: 'visa hjälpen för ett kommando',
    after:
      '\nSlutkoder: 0 klart, 1 felaktig indata, 2 ingen panel uppfyller kvoterna, 3 verifieringen misslyckades, 130 avbrutet.\n' +
      'Exempel:\n' +
      '  lotta select --pool pool.csv --quotas kvoter.csv --size 22 --household adress,postnummer --panels 1000 --out urval.json\n' +
      '  lotta commit --lottery urval.json --out hashvarde.json\n' +
      '  lotta draw --lottery urval.json --seed "de offentliggjorda talen" --out protokoll.json\n' +
      '  lotta verify protokoll.json --commitment hashvarde.json --seed "de offentliggjorda talen"\n' +
      '  lotta invite --register register.csv --count 7000 --seed "lång hemlig text" --household adress,postnummer --stratify kommun --out brev.csv\n',
    select: {
      description:
        'Beräkna varje anmäld persons sannolikhet att väljas (en rättvis fördelning över paneler som uppfyller kvoterna).',
      pool: 'de anmälda: CSV eller .xlsx, en rad per person',
      quotas: 'målen: en kvottabell (CSV eller .xlsx) eller poängmål (.json)',
      size: 'antal platser i panelen (panelstorlek)',
      idColumn:
        'kolumn med personernas id (standard: id, unique_id eller nationbuilder_id; annars radnummer)',
      household: 'kommaseparerade adresskolumner; personer med samma adress hamnar aldrig i samma panel',
      keep: 'fil med id (ett per rad) som måste ingå i panelen, t.ex. bekräftade ledamöter vid en ersättningsomgång',
      algorithm:
        'leximin (rättvisast mot de minst sannolika), maximin, nash eller legacy (den giriga dragningen, skattad)',
      samples: 'antal dragningar för legacy-skattningen',
      seed: 'frö för allt slumpmässigt (legacy-dragningar, val mellan likvärdiga)',
      tolerance: 'endast poängmål: extra viktad avvikelse som tillåts utöver den minsta möjliga',
      panels:
        'avrunda också resultatet till ett lotteri med så här många lika sannolika paneler, för `lotta draw`',
      out: 'skriv resultatet till den här filen i stället för till standard ut',
      format: 'json (urvalsfilen) eller text (bara sammanfattningen)',
      quiet: 'skriv varken sammanfattning eller förlopp till standard fel',
    },
    commit: {
      description: 'Skriv ut hashvärdet som ska offentliggöras innan dragningens frö är känt.',
      lottery: 'urvalsfil skriven av `lotta select ... --panels M`',
      out: 'skriv hashvärdesfilen hit i stället för till standard ut',
    },
    draw: {
      description: 'Dra en panel ur lotteriet med det offentliggjorda fröet, och skriv ett protokoll.',
      lottery: 'urvalsfil skriven av `lotta select ... --panels M`',
      seed: 'det offentliga slumpvärdet som tillkännagavs för dragningen',
      out: 'skriv protokollet hit i stället för till standard ut',
    },
    invite: {
      description:
        'Lotta fram inbjudningsbrev ur ett registerutdrag: högst ett per hushåll, slumpat jämnt eller stratifierat per område, vart och ett med en egen inbjudningskod.',
      register: 'registerutdraget: CSV (komma, semikolon eller tabb; UTF-8), en rad per person',
      count: 'antal brev att lotta fram',
      seed: 'dragningens frö: samma frö ger samma brev och inbjudningskoder. Håll det hemligt: koderna härleds ur det',
      household: 'kommaseparerade adresskolumner; rader med samma adress får högst ett brev tillsammans',
      stratify:
        'kolumn att stratifiera efter (t.ex. kommunen): brev i proportion till antalet hushåll med varje värde',
      weights:
        'överurvalsvikter per stratum: CSV (stratum,vikt) eller JSON ({"stratum": vikt}); kräver --stratify',
      out: 'brevfilen som ska skrivas: de dragna raderna med alla sina kolumner plus invite_code (CSV, UTF-8 med BOM)',
    },
    serve: {
      description:
        'Starta Lottas webbapplikation (SQLite-fil i LOTTA_DATA_DIR, standard ./data; DATABASE_URL=postgres://… för PostgreSQL).',
      demo: 'läs även in ett demoråd med några hundra påhittade frivilliga',
      port: 'port att lyssna på (standard: PORT eller 3000)',
      host: 'adress att lyssna på (standard 127.0.0.1; 0.0.0.0 för alla nätverkskort)',
    },
    worker: {
      description:
        'Kör Lottas jobb (urvalskörningar och andra långa uppgifter) från PostgreSQL-kön tills den stoppas (DATABASE_URL=postgres://…; starta så många som behövs).',
      concurrency: 'antal jobb denna worker kör samtidigt (standard: LOTTA_WORKER_CONCURRENCY eller 1)',
    },
    verify: {
      description:
        'Gör om en dragning utifrån protokollet och kontrollera den; slutkod 3 när något inte stämmer.',
      transcript: 'protokollet som `lotta draw` skrev',
      commitment:
        'det offentliggjorda hashvärdet: 64 hexadecimala siffror, eller filen som `lotta commit` skrev',
      seed: 'fröet som tillkännagavs, så att ett utbytt frö upptäcks',
    },
  },
  errors: {
    option: (option, problem, given) => `${option} ${problem} (angivet: "${given}").`,
    wholeNumber: (min) => `måste vara ett heltal, ${min} eller större`,
    nonNegativeNumber: 'måste vara ett tal, 0 eller större',
    oneOf: (choices) => `måste vara något av ${choices.join(', ')}`,
    columnList: 'måste ange minst en kolumn, åtskilda med kommatecken',
    sizeAbovePool: (poolFile, size, count) =>
      `${poolFile}: panelstorleken ${size} är större än urvalspoolen (${people(count, 'person', 'personer')}); ` +
      'sänk --size eller lägg till fler personer i poolen.',
    keepNotInPool: (keepFile, id, poolFile) =>
      `${keepFile}: personen "${id}" som ska behållas finns inte i ${poolFile}; kontrollera id:t eller lägg till personen i poolen.`,
    keepAboveSize: (keepFile, kept, size) =>
      `${keepFile}: ${people(kept, 'person ska', 'personer ska')} behållas, fler än panelstorleken ${size}.`,
    toleranceWithoutPoints: (targetsFile) =>
      `--tolerance gäller bara poängmål (en .json-fil), och ${targetsFile} innehåller kvoter; ta bort flaggan.`,
    samplesWithoutLegacy:
      '--samples används bara av --algorithm legacy; ta bort flaggan eller lägg till --algorithm legacy.',
    panelsWithLegacy:
      '--panels kräver en fördelning över paneler, och den beräknar inte --algorithm legacy; använd leximin, maximin eller nash.',
    notEmpty: 'får inte vara tomt',
    weightsWithoutStratify:
      '--weights kräver --stratify: ange den kolumn i registret som vikterna gäller (t.ex. --stratify kommun).',
    inviteCodeColumn: (file) =>
      `${file} har redan en kolumn som heter invite_code; byt namn på den eller ta bort den, eftersom brevfilen lägger till den kolumnen.`,
    cannotWrite: (file, reason) => `Kan inte skriva ${file}: ${reason}.`,
    internal: (message) => `internt fel: ${message}`,
    debugHint: 'Kör igen med LOTTA_DEBUG=1 för att se var det hände.',
    cancelling: 'Avbryter… (tryck Ctrl-C igen för att stoppa direkt)',
    cancelled: 'avbrutet',
  },
  progress: {
    phases: {
      prepare: 'förbereder',
      'initial-panels': 'söker första paneler',
      leximin: 'leximin',
      maximin: 'maximin',
      nash: 'nash',
      legacy: 'legacy-dragningar',
      decompose: 'bygger paneler och lotteri',
      done: 'klart',
    },
  },
  summary: {
    ok: (algorithm, size, pool, seconds) =>
      `Urvalet är klart (${algorithm}): panelstorlek ${size}, ${people(pool, 'person', 'personer')} i urvalspoolen, ${seconds} s.`,
    infeasible: (algorithm, size, pool, seconds) =>
      `Ingen panel uppfyller kvoterna (${algorithm}): panelstorlek ${size}, ` +
      `${people(pool, 'person', 'personer')} i urvalspoolen, ${seconds} s.`,
    columns: {
      feature: 'Egenskap',
      value: 'Värde',
      weight: 'Vikt',
      target: 'Mål',
      pool: 'Poolen',
      expected: 'Väntat antal i panelen',
    },
    noTarget: '(inget)',
    probabilities: (count, min, median, max) =>
      `Sannolikhet att väljas för de ${people(count, 'person', 'personer')} som har en chans: ` +
      `lägst ${min}, median ${median}, högst ${max}.`,
    kept: (count) =>
      `${people(count, 'person som behålls', 'personer som behålls')} ingår i varje panel (sannolikhet 1).`,
    everybodyHasAChance: 'Alla i urvalspoolen har en chans att väljas.',
    zeroHeading: (count) => `${people(count, 'person', 'personer')} har sannolikheten 0:`,
    zeroGroup: (count, reason, ids) => `${count} × ${reason} (${ids})`,
    moreIds: (count) => ` och ${count} till`,
    deviation: (best, allowed) =>
      `Viktad avvikelse från poängmålen: minsta möjliga ${best}, tillåten ${allowed}.`,
    lottery: (size, deviation) =>
      `Lotteri för den offentliga dragningen: ${size} lika sannolika paneler; ` +
      `största skillnad mot de exakta sannolikheterna ${deviation}.`,
    diagnosticsHeading: 'Därför uppfyller ingen panel kvoterna:',
    relaxationHeading: 'Den minsta ändringen av kvoterna som gör en panel möjlig:',
    relaxation: (quota, bound, from, to) =>
      `${quota}: ${bound === 'min' ? 'minimum' : 'maximum'} ${from} → ${to}`,
    warningsHeading: 'Varningar:',
  },
  invite: {
    progress: (rows) => `Läser registret… ${rows} rader`,
    read: (rows, households) => `Läste ${rows} rader: ${households} hushåll.`,
    drew: (letters, file) => `Lottade fram ${letters} brev till ${file}.`,
    strataHeading: (column) => `Brev per stratum (${column}):`,
    columns: { stratum: 'Stratum', households: 'Hushåll', weight: 'Vikt', letters: 'Brev' },
    blank: '(tomt)',
    moreStrata: (count, letters) => `… och ${count} strata till med ${letters} brev.`,
  },
  findings: {
    'min-above-pool': (f) => {
      const min = num(f, 'min');
      const pool = num(f, 'pool');
      if (min === undefined || pool === undefined) return undefined;
      return {
        message: `${f.category}=${f.value}: minst ${min} i panelen, men bara ${people(pool, 'person', 'personer')} i urvalspoolen.`,
        suggestion: `Sänk minimum till ${pool}, eller rekrytera fler personer med ${f.category}=${f.value}.`,
      };
    },
    'min-above-size': (f) => {
      const min = num(f, 'min');
      const size = num(f, 'size');
      if (min === undefined || size === undefined) return undefined;
      return {
        message: `${f.category}=${f.value}: minimum ${min} är större än panelen (${size}).`,
        suggestion: `Sänk minimum till högst ${size}.`,
      };
    },
    'minimums-above-size': (f) => {
      const sum = num(f, 'sum');
      const size = num(f, 'size');
      if (sum === undefined || size === undefined) return undefined;
      return {
        message: `${f.category}: minimivärdena blir tillsammans ${sum}, fler än panelstorleken ${size}.`,
        suggestion: `Sänk minimivärdena för ${f.category} med sammanlagt ${sum - size}.`,
      };
    },
    'maximums-below-size': (f) => {
      const sum = num(f, 'sum');
      const size = num(f, 'size');
      if (sum === undefined || size === undefined) return undefined;
      return {
        message:
          `${f.category}: maxvärdena (begränsade av antalet personer i urvalspoolen) blir tillsammans ${sum}, ` +
          `färre än panelstorleken ${size}.`,
        suggestion: `Höj maxvärdena för ${f.category} med sammanlagt ${size - sum}.`,
      };
    },
    'relax-min': (f) => {
      const from = num(f, 'from');
      const to = num(f, 'to');
      if (from === undefined || to === undefined) return undefined;
      return {
        message: `${f.category}=${f.value}: minimum ${from} går inte att uppfylla samtidigt med de andra kvoterna.`,
        suggestion: `Sänk minimum för ${f.category}=${f.value} från ${from} till ${to}.`,
      };
    },
    'relax-max': (f) => {
      const from = num(f, 'from');
      const to = num(f, 'to');
      if (from === undefined || to === undefined) return undefined;
      return {
        message: `${f.category}=${f.value}: maximum ${from} går inte att uppfylla samtidigt med de andra kvoterna.`,
        suggestion: `Höj maximum för ${f.category}=${f.value} från ${from} till ${to}.`,
      };
    },
    'no-relaxation': () => ({
      message:
        'Ingen panel uppfyller kvoterna, och de kan inte lättas upp inom den tillåtna flexibiliteten (min_flex/max_flex).',
      suggestion: 'Vidga min_flex/max_flex, ändra kvoterna eller ändra panelstorleken.',
    }),
    'kept-share-household': (f) => {
      const first = f.params?.first;
      const second = f.params?.second;
      if (first === undefined || second === undefined) return undefined;
      return {
        message: `De behållna personerna ${first} och ${second} bor i samma hushåll, men en panel tar högst en person per hushåll.`,
        suggestion: `Behåll bara en av ${first} och ${second}, eller kontrollera deras adresser.`,
      };
    },
    'value-without-target': (f) => {
      const count = num(f, 'count');
      if (count === undefined) return undefined;
      return {
        message:
          `${people(count, 'person har', 'personer har')} ${f.category}="${f.value}", som saknar mål; ` +
          `de räknas inte mot något mål för ${f.category}.`,
      };
    },
    'target-without-people': (f) => {
      const target = num(f, 'target');
      if (target === undefined) return undefined;
      return {
        message:
          `Målet för ${f.category}=${f.value} är ${target}, men ingen i urvalspoolen har det värdet; ` +
          'panelen kommer att missa det.',
        suggestion: `Rekrytera fler personer med ${f.category}=${f.value}, eller sätt målet till 0.`,
      };
    },
    'target-above-pool': (f) => {
      const target = num(f, 'target');
      const pool = num(f, 'pool');
      if (target === undefined || pool === undefined) return undefined;
      return {
        message:
          `Målet för ${f.category}=${f.value} är ${target}, men bara ${people(pool, 'person', 'personer')} i ` +
          `urvalspoolen har det värdet; panelen kan nå högst ${pool}.`,
        suggestion: `Rekrytera fler personer med ${f.category}=${f.value}, eller sänk målet till ${pool}.`,
      };
    },
  },
  exclusions: {
    'quota-closed': (c) =>
      c.closedQuota === undefined
        ? 'En kvot som gäller personen tillåter ingen (högst 0).'
        : `Kvoten för ${c.closedQuota} tillåter ingen (högst 0).`,
    'household-of-kept': (c) =>
      c.keptHousemate === undefined
        ? 'Bor i samma hushåll som någon som redan sitter i panelen.'
        : `Bor i samma hushåll som ${c.keptHousemate}, som redan sitter i panelen.`,
    deviation: () => 'Ingen panel med minsta möjliga avvikelse från målen innehåller den här personen.',
    'no-feasible-panel': () => 'Ingen panel som uppfyller alla mål kan innehålla den här personen.',
    'never-drawn': () => 'Drogs aldrig i Monte Carlo-skattningen.',
  },
};

export const catalogues: Record<Lang, Messages> = { en, sv };

export function messagesFor(lang: Lang): Messages {
  return catalogues[lang];
}

function isFindingCode(code: string, messages: Messages): code is FindingCode {
  return Object.hasOwn(messages.findings, code);
}

function isExclusionCode(code: string, messages: Messages): code is ExclusionCode {
  return Object.hasOwn(messages.exclusions, code);
}

/** A finding in the chosen language; the engine's English when there is no translation for it. */
export function translateFinding(finding: Finding, messages: Messages): FindingText {
  const translated = isFindingCode(finding.code, messages)
    ? messages.findings[finding.code](finding)
    : undefined;
  return translated ?? { message: finding.message, suggestion: finding.suggestion };
}

/** Why someone has probability 0, in the chosen language; the engine's English for an unknown code. */
export function translateExclusion(code: string, context: ExclusionContext, messages: Messages): string {
  return isExclusionCode(code, messages) ? messages.exclusions[code](context) : context.reason;
}

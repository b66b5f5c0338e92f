/**
 * The report as CSV: one row per question and value, for anyone who wants to check or chart the
 * numbers themselves. Written by the shared CSV writer in the dialect of the chosen language (Swedish:
 * `;` and decimal comma; English: `,` and decimal point). Labels are in the chosen language; the keys
 * are not, so the file can be matched with the questions whatever language it was made in.
 */
import type { Translate } from '../i18n/i18n.ts';
import { type CsvValue, csvDialectFor, csvFile, fixed } from '../io/csv-writer.ts';
import { questionLabel, valueLabel } from './format.ts';
import type { RepresentativenessReport } from './representativeness.ts';

export const csvColumns = [
  'question_key',
  'question',
  'value_key',
  'value',
  'population_percent',
  'target_min',
  'target_max',
  'pool',
  'pool_percent',
  'panel',
  'panel_percent',
  'target_met',
] as const;

function percent(share: number | null): CsvValue {
  return share === null ? null : fixed(share * 100, 1);
}

export function reportCsv(report: RepresentativenessReport, language: string, t: Translate): string {
  const rows: CsvValue[][] = [];
  for (const section of report.sections) {
    for (const row of section.rows) {
      const fields: Record<(typeof csvColumns)[number], CsvValue> = {
        question_key: row.question,
        question: questionLabel(section.question, language),
        value_key: row.value,
        value: valueLabel(section.question, row.value, language, t),
        population_percent: percent(row.populationShare),
        target_min: row.target?.min,
        target_max: row.target?.max,
        pool: row.pool,
        pool_percent: percent(row.poolShare),
        panel: row.panel,
        panel_percent: percent(row.panelShare),
        target_met: row.met === null ? null : t(row.met ? 'report.yes' : 'report.no'),
      };
      rows.push(csvColumns.map((c) => fields[c]));
    }
  }
  return csvFile(
    csvColumns.map((c) => t(`report.csv.${c}`)),
    rows,
    csvDialectFor(language),
  );
}

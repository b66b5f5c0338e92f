/**
 * The report as CSV: one row per question and value, for anyone who wants to check or chart the
 * numbers themselves. UTF-8 with a byte-order mark so that Excel reads åäö right. Labels are in the
 * chosen language; keys and numbers are not (a dot for decimals), so the file reads the same anywhere.
 */
import type { Translate } from '../i18n/i18n.ts';
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

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Labels typed by organisers must not run as formulas when the file is opened in a spreadsheet. */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function percent(share: number | null): string {
  return share === null ? '' : (share * 100).toFixed(1);
}

export function reportCsv(report: RepresentativenessReport, language: string, t: Translate): string {
  const lines = [csvColumns.map((c) => cell(t(`report.csv.${c}`))).join(',')];
  for (const section of report.sections) {
    for (const row of section.rows) {
      const fields: Record<(typeof csvColumns)[number], string> = {
        question_key: text(row.question),
        question: text(questionLabel(section.question, language)),
        value_key: text(row.value),
        value: text(valueLabel(section.question, row.value, language, t)),
        population_percent: percent(row.populationShare),
        target_min: row.target ? String(row.target.min) : '',
        target_max: row.target ? String(row.target.max) : '',
        pool: String(row.pool),
        pool_percent: percent(row.poolShare),
        panel: String(row.panel),
        panel_percent: percent(row.panelShare),
        target_met: row.met === null ? '' : t(row.met ? 'report.yes' : 'report.no'),
      };
      lines.push(csvColumns.map((c) => cell(fields[c])).join(','));
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

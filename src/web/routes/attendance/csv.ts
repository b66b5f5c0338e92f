/**
 * The attendance grid as CSV, through the one CSV writer (formula-guarded, in the dialect of the
 * page's language): one row per confirmed member, a column per counted session saying how she was
 * marked, then her hours, sessions attended and whether she is at risk of dropping out.
 */
import { swedishDay } from '../../../domain/programme.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { type CsvValue, csvDialectFor, csvFile, fixed } from '../../../io/csv-writer.ts';
import type { AttendanceOverview } from '../../../queries/attendance.ts';
import { clockText } from './schema.ts';

export function attendanceCsv(view: AttendanceOverview, language: string, t: Translate): string {
  const header = [
    t('attendance.csv.reference'),
    t('attendance.csv.name'),
    ...view.sessions.map(
      (s) => `${swedishDay(s.startsAt)} ${(language === 'en' && s.title.en) || s.title.sv}`,
    ),
    t('attendance.csv.hours'),
    t('attendance.csv.attended'),
    t('attendance.csv.at_risk'),
  ];
  const rows = view.rows.map((row): CsvValue[] => [
    row.reference,
    row.name,
    ...row.marks.map((mark, i) => {
      if (!mark) return t('attendance.cell.unmarked');
      if (mark.status !== 'present') return t(`attendance.cell.${mark.status}`);
      if (!mark.arrivedAt && !mark.leftAt) return t('attendance.cell.present');
      const session = view.sessions[i];
      return t('attendance.cell.partly', {
        from: clockText(mark.arrivedAt ?? session.startsAt),
        to: clockText(mark.leftAt ?? session.endsAt),
      });
    }),
    fixed(row.summary.hours, 2),
    row.summary.attended,
    t(row.summary.atRisk ? 'attendance.csv.yes' : 'attendance.csv.no'),
  ]);
  return csvFile(header, rows, csvDialectFor(language));
}

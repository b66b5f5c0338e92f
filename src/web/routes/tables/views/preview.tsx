/** A manual move's effect before it is saved: the figures before and after, and whether it breaks a rule. */
import type { MovePreview } from '../../../../grouping/reallocate.ts';
import type { Ctx } from '../../../env.ts';
import { Csrf, SubmitButton } from '../../../views/forms.tsx';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatNumber } from '../../../views/time.ts';

export interface PreviewProps {
  c: Ctx;
  preview: MovePreview;
  /** What the move is, in words ("Anna to table 3 in round 2"). */
  summary: string;
  /** The organiser's rules the move breaks, in words. */
  broken: string[];
  /** The move's fields, posted again to save it. */
  fields: Record<string, string>;
  base: string;
}

export function PreviewPage(props: PreviewProps) {
  const { c, preview, fields, base } = props;
  const t = c.var.t;
  const after = preview.result.report;
  const before = preview.before;
  const rows: [string, string, string][] = [
    [
      t('seating.report.repeated_pairs'),
      formatNumber(c, before.repeatedPairs),
      formatNumber(c, after.repeatedPairs),
    ],
    [
      t('seating.report.max_meetings'),
      formatNumber(c, before.maxMeetings),
      formatNumber(c, after.maxMeetings),
    ],
    [
      t('seating.report.deviation'),
      formatNumber(c, before.meanDeviation, 3),
      formatNumber(c, after.meanDeviation, 3),
    ],
    [
      t('seating.report.distinct_pairs'),
      formatNumber(c, before.distinctPairs),
      formatNumber(c, after.distinctPairs),
    ],
  ];
  const breaks = preview.problems.length > 0;
  return (
    <Section id="seating-preview" title={t('seating.preview_caption')} lead={props.summary}>
      <DataTable
        caption={t('seating.preview_caption')}
        captionHidden
        rows={rows}
        columns={[
          { header: t('seating.report.figure'), rowHeader: true, cell: (r) => r[0] },
          { header: t('seating.before'), numeric: true, cell: (r) => r[1] },
          { header: t('seating.after'), numeric: true, cell: (r) => r[2] },
        ]}
      />
      {breaks ? (
        <p class="error" role="alert">
          {t('seating.preview_breaks', { count: preview.problems.length })}
        </p>
      ) : null}
      {props.broken.length > 0 ? (
        <ul class="error">
          {props.broken.map((text) => (
            <li>{t('seating.preview_broken_rule', { rule: text })}</li>
          ))}
        </ul>
      ) : null}
      {breaks ? null : (
        <form method="post" action={`${base}/move`}>
          <Csrf c={c} />
          {Object.entries(fields).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <SubmitButton label={t('seating.save_move')} />
        </form>
      )}
      <p>
        <a href={base}>{t('seating.back')}</a>
      </p>
    </Section>
  );
}

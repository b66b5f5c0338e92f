/**
 * Two versions of a recommendation compared word by word (added words in `<ins>`, removed in `<del>`,
 * each with a text label, so the change is read without relying on colour), and the line-numbered
 * view for print and the projector.
 */
import { type DiffSegment, diffSegments, numberedLines } from '../../../../domain/recommendations.ts';
import type { RecommendationVersion, RecommendationView } from '../../../../queries/recommendations.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { SelectField, SubmitButton } from '../../../views/forms.tsx';
import { Section } from '../../../views/kit.tsx';
import { formatNumber, formatTime } from '../../../views/time.ts';
import { base, groupName } from './parts.tsx';

export function Segments(props: { c: Ctx; segments: DiffSegment[] }) {
  const t = props.c.var.t;
  return (
    <p class="diff">
      {props.segments.map((s) =>
        s.kind === 'added' ? (
          <ins>
            <span class="diff-label">{t('recommendations.diff_added')}</span>
            {s.text}
          </ins>
        ) : s.kind === 'removed' ? (
          <del>
            <span class="diff-label">{t('recommendations.diff_removed')}</span>
            {s.text}
          </del>
        ) : (
          s.text
        ),
      )}
    </p>
  );
}

function Choose(props: { c: Ctx; view: RecommendationView; from: number; to: number }) {
  const { c, view } = props;
  const t = c.var.t;
  const options = view.versions.map((v) => ({
    value: String(v.number),
    label: t('recommendations.version_option', {
      number: formatNumber(c, v.number),
      at: formatTime(c, v.saved_at),
    }),
  }));
  return (
    <form method="get" action={`${base(c)}/${view.recommendation.id}/compare`} class="stack">
      <SelectField
        name="from"
        label={t('recommendations.compare_from')}
        options={options}
        value={String(props.from)}
      />
      <SelectField
        name="to"
        label={t('recommendations.compare_to')}
        options={options}
        value={String(props.to)}
      />
      <SubmitButton label={t('recommendations.compare')} />
    </form>
  );
}

function pick(versions: RecommendationVersion[], number: number | undefined, fallback: number) {
  return (
    versions.find((v) => v.number === number) ??
    versions[Math.max(0, Math.min(fallback, versions.length - 1))]
  );
}

export function comparePage(c: Ctx, view: RecommendationView, query: { from?: number; to?: number }) {
  const t = c.var.t;
  const { versions } = view;
  const from = pick(versions, query.from, versions.length - 2);
  const to = pick(versions, query.to, versions.length - 1);
  const fields = [
    ['title', from.title, to.title],
    ['body', from.body, to.body],
    ['rationale', from.rationale, to.rationale],
  ] as const;
  return renderAssemblyPage(
    c,
    'recommendations',
    t('recommendations.compare_title', { title: view.recommendation.title }),
    <>
      <p>
        <a href={`${base(c)}/${view.recommendation.id}`}>
          {t('recommendations.back', { title: view.recommendation.title })}
        </a>
      </p>
      <Choose c={c} view={view} from={from.number} to={to.number} />
      <Section
        id="changes"
        title={t('recommendations.changes_title', {
          from: formatNumber(c, from.number),
          to: formatNumber(c, to.number),
        })}
        lead={t('recommendations.changes_lead')}
      >
        {fields.map(([field, before, after]) => (
          <Section id={`changes-${field}`} level={3} title={t(`recommendations.${field}_label`)}>
            <Segments c={c} segments={diffSegments(before, after)} />
          </Section>
        ))}
      </Section>
    </>,
  );
}

/** The recommendation alone, lines numbered, in large type; the print styles drop the page frame. */
export function PrintPage(props: { c: Ctx; view: RecommendationView }) {
  const { c, view } = props;
  const r = view.recommendation;
  const t = c.var.t;
  return (
    <article class="recommendation-print">
      <p>{t('recommendations.of_group', { group: groupName(c, view.group) })}</p>
      <h1>{r.title}</h1>
      <p>{t('recommendations.version_of', { number: formatNumber(c, r.version) })}</p>
      {numberedLines(r.body).map((lines) => (
        <ol class="numbered-lines" start={lines[0]?.number}>
          {lines.map((line) => (
            <li value={line.number}>{line.text}</li>
          ))}
        </ol>
      ))}
    </article>
  );
}

/**
 * The public pages of the draws, for anyone: the list of an assembly's draws and one draw with its
 * commitment, randomness, result (P-references only), the files to check it with, and what it was
 * drawn from.
 */
import type { DrawContext } from '../../../../queries/draw.ts';
import type { Assembly } from '../../../../repositories/assemblies.ts';
import type { PublicDrawSummary } from '../../../../repositories/public-draws.ts';
import type { LotterySelection } from '../../../../sortition/commitment.ts';
import type { Ctx } from '../../../env.ts';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatNumber } from '../../../views/time.ts';
import {
  DrawStatus,
  Hex,
  kindTitle,
  PlanDescription,
  planText,
  publicListPath,
  publicPath,
  Time,
} from './parts.tsx';

export function PublicListPage(props: {
  c: Ctx;
  title: string;
  assembly: Assembly;
  draws: PublicDrawSummary[];
}) {
  const { c, assembly } = props;
  const t = c.var.t;
  return (
    <>
      <h1>{props.title}</h1>
      <p>{t('draw.public_list_lead')}</p>
      <DataTable
        caption={props.title}
        captionHidden
        rows={props.draws}
        empty={t('draw.none')}
        columns={[
          {
            header: t('draw.kind'),
            rowHeader: true,
            cell: (d) => <a href={publicPath(assembly, d.id)}>{kindTitle(c, d.kind, d.run_kind)}</a>,
          },
          { header: t('draw.announced'), cell: (d) => <Time c={c} at={d.published_at} /> },
          { header: t('draw.randomness'), cell: (d) => planText(c, d.plan) },
          { header: t('draw.status'), cell: (d) => <DrawStatus c={c} draw={d} /> },
        ]}
      />
    </>
  );
}

/** The files `lotta commit` and `lotta verify` check, as published for this draw. */
export function Downloads(props: { c: Ctx; path: string; context: DrawContext }) {
  const { c, path, context } = props;
  const t = c.var.t;
  const panel = context.draw.kind === 'panel';
  return (
    <ul>
      <li>
        <a href={`${path}/commitment.json`} download>
          {t('draw.download_commitment')}
        </a>
      </li>
      <li>
        {panel ? (
          <a href={`${path}/lottery.json`} download>
            {t('draw.download_lottery')}
          </a>
        ) : (
          <a href={`${path}/candidates.json`} download>
            {t('draw.download_candidates')}
          </a>
        )}
      </li>
      {context.draw.transcript ? (
        <li>
          <a href={`${path}/transcript.json`} download>
            {t('draw.download_transcript')}
          </a>
        </li>
      ) : null}
    </ul>
  );
}

function LotteryPanels(props: { c: Ctx; lottery: LotterySelection; drawnIndex: number | null }) {
  const { c, lottery, drawnIndex } = props;
  const t = c.var.t;
  const panels = lottery.lottery.panels;
  return (
    <details>
      <summary>{t('draw.panels_show', { count: panels.length })}</summary>
      <DataTable
        caption={t('draw.panels_caption')}
        rows={panels}
        columns={[
          {
            header: t('draw.panel_number'),
            rowHeader: true,
            cell: (_, i) =>
              i === drawnIndex ? <strong>{t('draw.panel_drawn', { index: i })}</strong> : `#${i}`,
          },
          { header: t('draw.panel_members'), cell: (panel) => panel.join(', ') },
        ]}
      />
    </details>
  );
}

interface PublicDrawProps {
  c: Ctx;
  title: string;
  assembly: Assembly;
  context: DrawContext;
}

function Commitment(props: PublicDrawProps & { path: string }) {
  const { c, context } = props;
  const t = c.var.t;
  const panel = context.draw.kind === 'panel';
  return (
    <Section id="public-commitment" title={t('draw.commitment')}>
      <p>
        <Hex value={context.draw.commitment} id="commitment" />
      </p>
      <p>{t(panel ? 'draw.commitment_explained_panel' : 'draw.commitment_explained_reserves')}</p>
      <Downloads c={c} path={props.path} context={context} />
      {panel ? (
        <p>
          {t('draw.check_yourself')} <code>{t('draw.cli_commit')}</code>
        </p>
      ) : null}
    </Section>
  );
}

function Result(props: PublicDrawProps) {
  const { c, context } = props;
  const t = c.var.t;
  const panel = context.panelTranscript;
  if (panel)
    return (
      <Section id="public-result" title={t('draw.result_panel')}>
        <p>
          {t('draw.drawn_index', {
            index: panel.index,
            size: formatNumber(c, panel.selection.lottery.panels.length),
          })}
        </p>
        <ul id="drawn-panel" aria-label={t('draw.members_caption', { count: panel.members.length })}>
          {panel.members.map((r) => (
            <li>{r}</li>
          ))}
        </ul>
        <p>
          {t('draw.verify_yourself')} <code>{t('draw.cli_verify')}</code>
        </p>
      </Section>
    );
  if (context.reservesTranscript)
    return (
      <Section id="public-result" title={t('draw.result_reserves')}>
        <p>{t('draw.reserves_order_lead')}</p>
        <ol id="reserve-order">
          {context.reservesTranscript.order.map((r) => (
            <li>{r}</li>
          ))}
        </ol>
      </Section>
    );
  return null;
}

function DrawnFrom(props: PublicDrawProps) {
  const { c, context } = props;
  const t = c.var.t;
  const panel = context.draw.kind === 'panel';
  const { lottery, shownCandidates: candidates } = context;
  const missing = <p class="warning">{t('draw.content_missing')}</p>;
  let content = missing;
  if (panel && lottery)
    content = (
      <>
        <p>
          {t('draw.lottery_size', {
            panels: formatNumber(c, lottery.lottery.panels.length),
            people: formatNumber(c, lottery.input.people.length),
          })}
        </p>
        <LotteryPanels c={c} lottery={lottery} drawnIndex={context.panelTranscript?.index ?? null} />
      </>
    );
  else if (!panel && candidates.length > 0)
    content = (
      <>
        <p>{t('draw.candidates_size', { count: candidates.length })}</p>
        <details>
          <summary>{t('draw.candidates_show')}</summary>
          <p id="candidates">{candidates.join(', ')}</p>
        </details>
      </>
    );
  return (
    <Section id="public-content" title={panel ? t('draw.lottery') : t('draw.candidates')}>
      {content}
    </Section>
  );
}

export function PublicDrawPage(props: PublicDrawProps) {
  const { c, assembly, context } = props;
  const { draw, plan } = context;
  const t = c.var.t;
  const path = publicPath(assembly, draw.id);
  return (
    <>
      <h1>{props.title}</h1>
      <p>{t(draw.kind === 'panel' ? 'draw.public_lead_panel' : 'draw.public_lead_reserves')}</p>
      <dl class="facts">
        <dt>{t('draw.announced')}</dt>
        <dd>
          <Time c={c} at={draw.published_at} />
        </dd>
        <dt>{t('draw.status')}</dt>
        <dd>
          <DrawStatus c={c} draw={draw} />
        </dd>
      </dl>
      <Section id="public-randomness" title={t('draw.randomness_heading')}>
        <PlanDescription c={c} plan={plan} />
        {draw.seed ? (
          <p>
            {t('draw.seed_was')} <code id="seed">{draw.seed}</code>
          </p>
        ) : null}
      </Section>
      <Commitment {...props} path={path} />
      <Result {...props} />
      {draw.transcript ? (
        <p>
          <a href={`${path}/verify`}>{t('draw.verify_link')}</a>
        </p>
      ) : null}
      <DrawnFrom {...props} />
      <p>
        <a href={publicListPath(assembly)}>{t('draw.public_list_link')}</a>
      </p>
    </>
  );
}

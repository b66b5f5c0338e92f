/**
 * The public assembly page and the list of public assemblies: plain, printable HTML (the print
 * stylesheet drops the frame and the downloads), each section under its heading with its date.
 */
import type { PublicPage, PublishedAssembly } from '../../../../queries/public-page.ts';
import type { Ctx } from '../../../env.ts';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatDate } from '../../../views/time.ts';
import { local, publicPath } from './parts.tsx';
import { AnswersSection, RecommendationsSection } from './recommendations.tsx';
import {
  AboutSection,
  EvidenceSection,
  ProgrammeSection,
  RepresentativenessSection,
  RequestsSection,
  SelectionSection,
  SubmissionsSection,
} from './sections.tsx';

function Contents(props: { c: Ctx; page: PublicPage }) {
  const t = props.c.var.t;
  return (
    <nav aria-label={t('public_page.contents')} class="public-contents">
      <ol>
        {props.page.sections.map((s) => (
          <li>
            <a href={`#${s}`}>{t(`public_page.section_${s}`)}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function OpenData(props: { c: Ctx; page: PublicPage }) {
  const { c, page } = props;
  const t = c.var.t;
  const base = publicPath(page.assembly.slug);
  const lang = `?lang=${c.var.lang}`;
  return (
    <Section id="open-data" title={t('public_page.open_data')} class="open-data">
      <p>
        {t('public_page.licence_text')}{' '}
        <a href={page.licence.url} rel="license">
          {page.licence.name}
        </a>
      </p>
      <ul>
        <li>
          <a href={`${base}.json`} type="application/json">
            {t('public_page.download_json')}
          </a>
        </li>
        <li>
          <a href={`${base}/recommendations.csv${lang}`}>{t('public_page.download_recommendations')}</a>
        </li>
        <li>
          <a href={`${base}/answers.csv${lang}`}>{t('public_page.download_answers')}</a>
        </li>
        <li>
          <a href={`${base}/representativeness.csv${lang}`}>{t('public_page.download_representativeness')}</a>
        </li>
        <li>
          <a href={`${base}/feed.atom`} type="application/atom+xml">
            {t('public_page.feed')}
          </a>
        </li>
      </ul>
    </Section>
  );
}

export function PublicAssemblyPage(props: { c: Ctx; page: PublicPage }) {
  const { c, page } = props;
  const t = c.var.t;
  const titles = new Map((page.recommendations?.items ?? []).map((r) => [r.id, r.title]));
  return (
    <article class="public-page">
      <h1>{local(c, page.assembly.title)}</h1>
      <p class="published-date">
        {t('public_page.page_published')}{' '}
        <time datetime={page.publishedAt}>{formatDate(c, page.publishedAt.slice(0, 10))}</time>{' '}
        {t('public_page.licence_short', { licence: page.licence.name })}
      </p>
      <Contents c={c} page={page} />
      {page.about ? <AboutSection c={c} section={page.about} /> : null}
      {page.selection ? <SelectionSection c={c} section={page.selection} /> : null}
      {page.representativeness ? <RepresentativenessSection c={c} section={page.representativeness} /> : null}
      {page.programme ? <ProgrammeSection c={c} section={page.programme} /> : null}
      {page.evidence ? <EvidenceSection c={c} section={page.evidence} /> : null}
      {page.requests ? <RequestsSection c={c} section={page.requests} /> : null}
      {page.submissions ? <SubmissionsSection c={c} section={page.submissions} /> : null}
      {page.recommendations ? <RecommendationsSection c={c} section={page.recommendations} /> : null}
      {page.answers ? <AnswersSection c={c} section={page.answers} titles={titles} /> : null}
      <OpenData c={c} page={page} />
    </article>
  );
}

export function PublicIndexPage(props: { c: Ctx; assemblies: PublishedAssembly[] }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <>
      <h1>{t('public_page.index_title')}</h1>
      <p>{t('public_page.index_lead')}</p>
      <DataTable
        caption={t('public_page.index_title')}
        captionHidden
        rows={props.assemblies}
        empty={t('public_page.index_none')}
        columns={[
          {
            header: t('public_page.assembly'),
            rowHeader: true,
            cell: (a) => <a href={publicPath(a.slug)}>{local(c, a.title)}</a>,
          },
          { header: t('public_page.page_published'), cell: (a) => formatDate(c, a.publishedAt.slice(0, 10)) },
        ]}
      />
    </>
  );
}

/** Pieces the public page, its CSV files and its feed share: dates, texts per language, rules in words. */
import { labelIn } from '../../../../domain/questions.ts';
import type { PublicVote } from '../../../../queries/public-page.ts';
import type { LocalText } from '../../../../repositories/assemblies.ts';
import type { Ctx } from '../../../env.ts';
import { formatDate } from '../../../views/time.ts';

export function local(c: Ctx, text: LocalText): string {
  return labelIn(text, c.var.lang);
}

export function publicPath(slug: string): string {
  return `/public/${encodeURIComponent(slug)}`;
}

/** "Published 3 March 2027" beside a section or item; "Not yet published" when it never was. */
export function Published(props: { c: Ctx; at: string | null }) {
  const { c, at } = props;
  const t = c.var.t;
  return (
    <p class="published-date">
      {at ? (
        <>
          {t('public_page.published')} <time datetime={at}>{formatDate(c, at.slice(0, 10))}</time>
        </>
      ) : (
        t('public_page.not_yet_published')
      )}
    </p>
  );
}

/** Adopted or not, in a word. */
export function outcomeWord(c: Ctx, vote: PublicVote): string {
  return c.var.t(vote.adopted ? 'public_page.adopted' : 'public_page.not_adopted');
}

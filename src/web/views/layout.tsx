/**
 * The page frame: skip link, header with navigation and the language switch, main content, footer.
 * Plain HTML that works without JavaScript; htmx only enhances (e.g. live search in lists).
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Ctx } from '../env.ts';

export interface PageOptions {
  title: string;
  /** Shown in the header's navigation when someone is logged in. */
  nav?: 'staff' | 'member' | 'public';
  /** Flash message shown at the top (role="status"). */
  notice?: string | null;
}

function switchLanguageHref(c: Ctx, lang: string): string {
  const url = new URL(c.req.url);
  url.searchParams.set('lang', lang);
  return `${url.pathname}?${url.searchParams.toString()}`;
}

/** The header's links: for staff their areas, account and log-out; for everyone the other language. */
function SiteLinks(props: { c: Ctx; signedIn: boolean }) {
  const { c } = props;
  const t = c.var.t;
  const account = c.var.auth?.account;
  const otherLanguage = c.var.lang === 'sv' ? 'en' : 'sv';
  return (
    <ul>
      {account && props.signedIn ? (
        <>
          <li>
            <a href="/assemblies">{t('nav.assemblies')}</a>
          </li>
          {account.is_admin ? (
            <>
              <li>
                <a href="/admin/accounts">{t('nav.accounts')}</a>
              </li>
              <li>
                <a href="/admin/audit">{t('nav.audit')}</a>
              </li>
            </>
          ) : null}
          <li>
            <a href="/account">{t('nav.account')}</a>
          </li>
          <li>
            <form method="post" action="/logout" class="inline">
              <input type="hidden" name="_csrf" value={c.var.csrf} />
              <button type="submit" class="link">
                {t('nav.logout')}
              </button>
            </form>
          </li>
        </>
      ) : null}
      <li>
        <a href={switchLanguageHref(c, otherLanguage)} lang={otherLanguage} hreflang={otherLanguage}>
          {t(`layout.switch_to_${otherLanguage}`)}
        </a>
      </li>
    </ul>
  );
}

function SiteHeader(props: { c: Ctx }) {
  const { c } = props;
  const t = c.var.t;
  const account = c.var.auth?.account;
  const signedIn = Boolean(account && !c.var.auth?.login.pending_totp);
  return (
    <header class="site-header">
      <a class="brand" href={account ? '/assemblies' : '/'}>
        Lotta
      </a>
      {/* On a phone the links of someone logged in fold into a menu that opens without script
          (app.css shows one or the other, so only one is ever in the accessibility tree). */}
      {signedIn ? (
        <>
          <nav aria-label={t('layout.nav')} class="site-nav">
            <SiteLinks c={c} signedIn />
          </nav>
          <details class="site-menu">
            <summary>{t('layout.menu')}</summary>
            <nav aria-label={t('layout.nav')}>
              <SiteLinks c={c} signedIn />
            </nav>
          </details>
        </>
      ) : (
        <nav aria-label={t('layout.nav')}>
          <SiteLinks c={c} signedIn={false} />
        </nav>
      )}
    </header>
  );
}

export function Page(props: { c: Ctx; options: PageOptions; children?: Child }) {
  const { c, options } = props;
  const t = c.var.t;
  return (
    <html lang={c.var.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${options.title} – Lotta`}</title>
        <link rel="icon" href="/favicon.ico" sizes="16x16 32x32" />
        <link rel="stylesheet" href="/static/app.css" />
        {/* htmx would otherwise add an inline style, which the Content-Security-Policy forbids. */}
        <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />
        <script src="/static/htmx.min.js" defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skip')}
        </a>
        <SiteHeader c={c} />
        <main id="main" tabindex={-1}>
          {options.notice ? (
            <p class="notice" role="status">
              {options.notice}
            </p>
          ) : null}
          {props.children}
        </main>
        <footer class="site-footer">
          <p>{t('layout.footer')}</p>
        </footer>
      </body>
    </html>
  );
}

export function render(
  c: Ctx,
  options: PageOptions,
  body: Child,
  status: 200 | 400 | 403 | 404 | 409 | 413 | 422 | 429 | 500 = 200,
) {
  c.header('Cache-Control', 'no-store');
  return c.html(
    <>
      {raw('<!doctype html>')}
      <Page c={c} options={options}>
        {body}
      </Page>
    </>,
    status,
  );
}

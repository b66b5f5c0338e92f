/**
 * An in-process Lotta for tests: a real SQLite file (or PostgreSQL database) migrated from scratch,
 * the real app, and a browser-like client that keeps cookies and posts forms with their CSRF token.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapAdministrator, createAccount } from '../../src/commands/accounts.ts';
import { configureQuestions, createAssembly, type QuestionInput } from '../../src/commands/assemblies.ts';
import type { Actor } from '../../src/commands/command.ts';
import { type KeptFolder, keptUploadTarget } from '../../src/commands/kept-uploads.ts';
import { type Database, migrate, openDatabase } from '../../src/db/connect.ts';
import type { KeptUpload } from '../../src/domain/uploaded-files.ts';
import { stopJobRunners } from '../../src/jobs/runner.ts';
import { stopAllJobs } from '../../src/jobs/selection-jobs.ts';
import { findAccountByEmail, updateAccount } from '../../src/repositories/accounts.ts';
import { ensureServerSecret } from '../../src/repositories/settings.ts';
import { createApp } from '../../src/web/app.ts';
import { freshPostgresDatabase } from './postgres.ts';

export const adminEmail = 'admin@lotta.test';
export const adminPassword = 'correct horse battery staple';

export interface TestApp {
  database: Database;
  dataDir: string;
  app: ReturnType<typeof createApp>;
  adminActor: Actor;
  close(): Promise<void>;
}

export async function openTestDatabase(kind: 'sqlite' | 'postgres' = 'sqlite'): Promise<{
  database: Database;
  dataDir: string;
  dispose(): Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lotta-test-'));
  if (kind === 'postgres') {
    const pg = await freshPostgresDatabase('lotta');
    const database = await openDatabase({ url: pg.url });
    await migrate(database);
    return {
      database,
      dataDir,
      dispose: async () => {
        await database.close();
        await pg.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const database = await openDatabase({ dataDir });
  await migrate(database);
  return {
    database,
    dataDir,
    dispose: async () => {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startTestApp(
  options: {
    kind?: 'sqlite' | 'postgres';
    maxUploadBytes?: number;
    maxRegisterBytes?: number;
    minimumFormMillis?: number;
  } = {},
): Promise<TestApp> {
  const { database, dataDir, dispose } = await openTestDatabase(options.kind);
  await bootstrapAdministrator(database, { email: adminEmail, password: adminPassword });
  const admin = (await findAccountByEmail(database.db, adminEmail))!;
  const app = createApp({
    database,
    secret: await ensureServerSecret(database.db),
    dataDir,
    maxUploadBytes: options.maxUploadBytes ?? 10_000_000,
    maxRegisterBytes: options.maxRegisterBytes ?? 1_000_000_000,
    secureCookies: false,
    minimumFormMillis: options.minimumFormMillis ?? 0,
  });
  return {
    database,
    dataDir,
    app,
    adminActor: { kind: 'staff', accountId: admin.id, isAdmin: true },
    close: async () => {
      // A selection run still going would write to a database that is about to disappear.
      await stopAllJobs();
      await stopJobRunners(database);
      await dispose();
    },
  };
}

/** Creates a staff account with a known password and no forced change; returns its id. */
export async function createStaff(
  t: Pick<TestApp, 'database' | 'adminActor'>,
  email: string,
  password = adminPassword,
): Promise<string> {
  const { id } = await createAccount(t.database, t.adminActor, {
    email,
    displayName: email.split('@')[0],
    isAdmin: false,
    language: 'en',
  });
  const { hashPassword } = await import('../../src/commands/accounts.ts');
  await updateAccount(t.database.db, id, {
    password_hash: await hashPassword(password),
    must_change_password: 0,
  });
  return id;
}

export const genderQuestion: QuestionInput = {
  key: 'gender',
  label: { sv: 'Kön', en: 'Gender' },
  options: [
    { value: 'woman', label: { sv: 'Kvinna', en: 'Woman' } },
    { value: 'man', label: { sv: 'Man', en: 'Man' } },
  ],
};

/** A small assembly created through the commands, asking the given questions; returns its id. */
export async function createTestAssembly(
  t: Pick<TestApp, 'database' | 'adminActor'>,
  options: { title?: string; questions?: QuestionInput[] } = {},
): Promise<string> {
  const title = options.title ?? 'Klimatrådet';
  const id = await createAssembly(t.database, t.adminActor, {
    title: { sv: title, en: `${title} (en)` },
    remit: { sv: 'Hur ska kommunen minska utsläppen?', en: 'How should the municipality cut emissions?' },
    commissioner: 'Kommunen',
    fundingSource: 'Kommunen',
    coordinator: 'Lotta',
    panelSize: 20,
    languages: ['sv', 'en'],
    startsOn: null,
    endsOn: null,
  });
  await configureQuestions(t.database, t.adminActor, id, options.questions ?? [genderQuestion]);
  return id;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

/** A browser stand-in: cookies, the last page's CSRF token, forms posted as a browser would. */
export class TestClient {
  private cookies = new Map<string, string>();
  csrf = '';
  lang: 'en' | 'sv' = 'en';

  constructor(private readonly app: TestApp['app']) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  forgetCookie(name: string): void {
    this.cookies.delete(name);
  }

  private async reply(response: Response): Promise<Reply> {
    this.remember(response);
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1];
    return {
      status: response.status,
      headers: response.headers,
      text,
      location: response.headers.get('location'),
    };
  }

  /** The response to a GET as it comes, its body not yet read (for downloads sent in pieces). */
  async getResponse(path: string): Promise<Response> {
    const response = await this.app.request(path, {
      headers: { cookie: this.cookieHeader(), 'accept-language': this.lang },
    });
    this.remember(response);
    return response;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
    const response = await this.app.request(path, {
      headers: { cookie: this.cookieHeader(), 'accept-language': this.lang, ...headers },
    });
    return this.reply(response);
  }

  /** Posts url-encoded fields (repeat a name by passing an array); adds the CSRF token unless given. */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { csrf?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const body = new URLSearchParams();
    body.append('_csrf', options.csrf ?? this.csrf);
    for (const [name, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
    const response = await this.app.request(path, {
      method: 'POST',
      body,
      headers: {
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': this.lang,
        ...options.headers,
      },
    });
    return this.reply(response);
  }

  /** Posts a multipart form with files, as a browser's file upload does. */
  async upload(
    path: string,
    fields: Record<string, string>,
    files: Record<string, { name: string; bytes: Uint8Array; type?: string }>,
  ): Promise<Reply> {
    const form = new FormData();
    form.append('_csrf', this.csrf);
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const [name, file] of Object.entries(files)) {
      form.append(
        name,
        new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
        file.name,
      );
    }
    const response = await this.app.request(path, {
      method: 'POST',
      body: form,
      headers: { cookie: this.cookieHeader(), 'accept-language': this.lang },
    });
    return this.reply(response);
  }

  /** Posts a body as it is generated (a chunked upload, no length), with this browser's cookies. */
  async postStream(path: string, contentType: string, body: ReadableStream<Uint8Array>): Promise<Reply> {
    const response = await this.app.request(path, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { cookie: this.cookieHeader(), 'content-type': contentType, 'accept-language': this.lang },
    } as RequestInit);
    return this.reply(response);
  }

  async logIn(email: string, password = adminPassword): Promise<Reply> {
    await this.get('/login');
    return this.post('/login', { email, password });
  }
}

/** A file as a form would have streamed it into a kept folder, for a command called directly. */
export async function keptUpload(
  dataDir: string,
  folder: KeptFolder,
  name: string,
  bytes: Uint8Array,
): Promise<KeptUpload> {
  const target = await keptUploadTarget(dataDir, folder);
  writeFileSync(target.path, bytes, { mode: 0o600 });
  return { key: target.key, name, size: bytes.length, head: bytes.slice(0, 64 * 1024) };
}

/** The ids that occur more than once in a page's HTML (ids must be unique for labels and links). */
export function duplicateIds(html: string): string[] {
  const seen = new Map<string, number>();
  for (const m of html.matchAll(/\sid="([^"]+)"/g)) seen.set(m[1], (seen.get(m[1]) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}

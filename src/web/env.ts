/** What the request pipeline knows about a request by the time a route handler runs. */
import type { Context } from 'hono';
import type { ActiveLogin } from '../commands/logins.ts';
import type { Database } from '../db/connect.ts';
import type { AssemblyRow } from '../db/schema.ts';
import type { Role } from '../domain/roles.ts';
import type { Language, Translate } from '../i18n/i18n.ts';

export interface WebConfig {
  database: Database;
  /** Signs CSRF tokens and the registration form's timing token. */
  secret: string;
  /** Uploads waiting between the import's steps are kept here. */
  dataDir: string;
  /** Largest accepted upload in bytes. */
  maxUploadBytes: number;
  /** Largest register extract in bytes: it is streamed to disk, never held in memory. */
  maxRegisterBytes: number;
  /** Cookies get the Secure flag (behind HTTPS). */
  secureCookies: boolean;
  /** Shortest time, in milliseconds, a human takes to fill in the registration form. */
  minimumFormMillis: number;
  /** Largest stored selection result in bytes (default: `defaultMaxResultBytes`, 256 MiB). */
  maxResultBytes?: number;
}

export interface WebEnv {
  Variables: {
    config: WebConfig;
    lang: Language;
    t: Translate;
    auth: ActiveLogin | null;
    /** Token every form posts back. */
    csrf: string;
    /** Set on assembly routes. */
    assembly: AssemblyRow;
    role: Role;
  };
}

export type Ctx = Context<WebEnv>;

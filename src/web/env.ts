/** What the request pipeline knows about a request by the time a route handler runs. */
import type { Context } from 'hono';
import type { ActiveLogin } from '../commands/logins.ts';
import type { Database } from '../db/connect.ts';
import type { Role } from '../domain/roles.ts';
import type { Language, Translate } from '../i18n/i18n.ts';
import type { Assembly } from '../repositories/assemblies.ts';
import type { AssemblyTab } from './routing.ts';

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
    assembly: Assembly;
    /** The viewer's role in the assembly (staff routes) or in her own assembly (member routes). */
    role: Role;
    /** Set on member routes: the person who came in through her personal link. */
    member: { personId: string; assemblyId: string };
    /** Every tab the routes declare; the assembly frame shows those the viewer's role may open. */
    tabs: readonly AssemblyTab[];
  };
}

export type Ctx = Context<WebEnv>;

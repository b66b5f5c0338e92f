/** The two databases Lotta runs on: an embedded SQLite file by default, PostgreSQL at scale. */
export type Dialect = 'sqlite' | 'postgres';

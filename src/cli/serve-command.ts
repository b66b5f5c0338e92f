/** `lotta serve`: the web application, until Ctrl-C. */
import { ListenError, startServer } from '../web/server.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from './draw-commands.ts';
import type { SelectIO } from './select-command.ts';

export async function serveCommand(
  options: { demo?: boolean; port?: string; host?: string },
  io: SelectIO,
): Promise<number> {
  const port = Number(options.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr(`--port must be a whole number from 0 to 65535, not "${options.port ?? process.env.PORT}".\n`);
    return EXIT_BAD_INPUT;
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      port,
      host: options.host ?? process.env.HOST,
      dataDir: process.env.LOTTA_DATA_DIR ?? 'data',
      databaseUrl: process.env.DATABASE_URL,
      demo: options.demo === true,
      adminEmail: process.env.LOTTA_ADMIN_EMAIL,
      adminPassword: process.env.LOTTA_ADMIN_PASSWORD,
      say: (line) => io.stdout(`${line}\n`),
    });
  } catch (error) {
    if (!(error instanceof ListenError)) throw error;
    io.stderr(`${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const stop = async () => {
    await server.close();
    process.exit(EXIT_OK);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return EXIT_OK;
}

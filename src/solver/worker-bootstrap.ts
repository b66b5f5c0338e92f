/**
 * Worker threads are TypeScript, like the rest, and run without a build step: a few lines of
 * JavaScript register tsx in the new thread (hooks registered in the main thread do not reach
 * workers on Node 20) and then import the worker module. Pass the result to `new Worker(…, { eval: true })`.
 */
export function workerBootstrap(entry: URL): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
}

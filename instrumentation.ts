// Next calls register() once per server process before it serves a request (under `npm start` through
// server/serve.ts, and under `next dev`): it hands over to server/startup/prepare-server.ts, which migrates,
// seeds and starts the jobs. Only the Node runtime
// touches the database and schedules jobs; the build and the edge runtime skip it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { prepareServer } = await import('./server/startup/prepare-server');
  await prepareServer();
}

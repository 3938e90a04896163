// Next calls register() once per server process before it serves a request. Only the Node runtime
// touches the database and schedules jobs; the build and the edge runtime skip it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { prepareServer } = await import('./server/prepare-server');
  await prepareServer();
}

import { parseArgs } from 'node:util';
import { asOfOption, withDb, type Command } from '@/cli/command';
import { runAlerts } from '@/features/alerts/run-alerts';

export const alertsRun: Command = {
  name: 'alerts run',
  usage: `  alerts run [--as-of ISO]
      Evaluates every alert rule (as of now, or of the given instant) and stores the new alerts; each
      alert is stored once however often this runs. Prints how many were new, by rule.`,
  async run(args) {
    const { values } = parseArgs({ args, options: { 'as-of': { type: 'string' } } });
    const asOf = asOfOption(values['as-of']);
    const r = await withDb((db) => runAlerts(db, { asOf }));
    const rules = Object.entries(r.byRule)
      .map(([rule, n]) => `${rule} ${n}`)
      .join(', ');
    console.log(
      `Alerts as of ${r.asOf.toISOString()}: ${r.stored} new, ${r.candidates - r.stored} already stored${rules ? ` (${rules})` : ''}.`,
    );
    return 0;
  },
};

import { withDb, type Command } from '@/cli/command';
import { verifyAuditChain } from '@/db/audit/audit-log';

export const auditVerify: Command = {
  name: 'audit verify',
  usage: `  audit verify
      Recomputes the audit log's hash chain; exits 1 and names the first broken entry if it was altered.`,
  async run() {
    const check = await withDb((db) => verifyAuditChain(db));
    if (check.ok) {
      console.log(`Audit chain intact: ${check.entries} entries verified.`);
      return 0;
    }
    console.error(
      `Audit chain BROKEN at entry ${check.brokenAt!.id} (${check.brokenAt!.reason === 'link' ? 'its link to the previous entry' : 'its content'} does not match); ${check.entries - 1} entries before it verify.`,
    );
    return 1;
  },
};

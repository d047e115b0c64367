import { verifyAuditChain } from '../audit/verifyAuditChain';
import { loadConfig } from '../config/loadConfig';
import { openDatabase } from '../db/openDatabase';
import type { CliCommand } from './CliCommand';

/** `safeflow audit verify`: re-computes the audit hash chain; exit 0 when intact, 1 at the first broken link. */
export const auditVerifyCommand: CliCommand = {
  words: ['audit', 'verify'],
  summary: 'Verify the hash chain of the audit log',
  usage: 'safeflow audit verify',
  async run() {
    const config = loadConfig();
    const db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    try {
      const result = await verifyAuditChain(db);
      if (result.ok) {
        process.stdout.write(`audit chain intact: ${result.count} entries\n`);
        return 0;
      }
      process.stdout.write(`audit chain BROKEN at seq ${result.brokenAtSeq}: ${result.reason}\n`);
      return 1;
    } finally {
      await db.close();
    }
  },
};

/** An assembly's audit log, a page at a time. */
import type { AuditPage } from '../../../../repositories/audit.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { AuditTable } from '../../../views/audit-table.tsx';

export function auditPage(c: Ctx, events: AuditPage, page: number) {
  return renderAssemblyPage(
    c,
    'audit',
    c.var.t('audit.title'),
    <AuditTable c={c} page={events} pageNumber={page} basePath={`/a/${c.var.assembly.id}/audit`} />,
  );
}

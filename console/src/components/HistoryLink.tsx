import { useUser } from '../lib/config';
import { HISTORY_ROLES } from '../lib/roles';

/** The link to a case's workflow history (any kind), for the roles the API lets read it. */
export function HistoryLink({ caseId }: { caseId: string }) {
  const user = useUser();
  if (!HISTORY_ROLES.includes(user.role)) return null;
  return (
    <p>
      <a href={`/console/cases/${caseId}/history`}>Workflow history</a>
    </p>
  );
}

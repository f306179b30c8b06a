import { useLocation } from 'preact-iso';
import { ActionForm } from '../components/ActionForm';

/** Open a strategic review: specialists, senior specialists and managers. The seller's tier picks the playbook. */
export function NewReviewPage() {
  const { route } = useLocation();
  return (
    <>
      <h1>New strategic review</h1>
      <section class="panel">
        <ActionForm<{ id: string }> action={{ action: 'open_review', method: 'POST', href: '/reviews' }} idPrefix="new" onDone={(created) => route(`/console/cases/${created.id}`)} />
      </section>
    </>
  );
}

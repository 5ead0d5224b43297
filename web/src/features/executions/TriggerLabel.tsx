import { Icon } from '../../shared/ui/Icon';

/** What can start an execution, in the order the filter lists them, with an icon and a label each. */
export const kExecutionTriggers: { value: string; label: string; icon: string }[] = [
  { value: 'manual', label: 'Manual', icon: 'play' },
  { value: 'editor', label: 'Editor', icon: 'edit' },
  { value: 'api', label: 'API', icon: 'code' },
  { value: 'schedule', label: 'Schedule', icon: 'clock' },
  { value: 'webhook', label: 'Webhook', icon: 'zap' },
  { value: 'form', label: 'Form', icon: 'file-text' },
  { value: 'retry', label: 'Retry', icon: 'refresh' },
  { value: 'error_pipeline', label: 'Error pipeline', icon: 'alert' },
  { value: 'cli', label: 'CLI', icon: 'terminal' },
];

/** What started an execution, as an icon and a word; nothing when the server did not say. */
export function TriggerLabel({ trigger }: { trigger: string | undefined }) {
  if (!trigger) return null;
  const known = kExecutionTriggers.find((t) => t.value === trigger);
  return (
    <span className="inline-flex items-center gap-1 text-xs text-muted" data-trigger={trigger}>
      <Icon name={known?.icon ?? 'dot'} size={12} />
      {known?.label ?? trigger}
    </span>
  );
}

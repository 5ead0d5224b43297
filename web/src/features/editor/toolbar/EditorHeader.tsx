import { useState } from 'react';
import { navigate } from '../../../app/router';
import { useRole } from '../../../app/useCan';
import { refusal } from '../../../shared/auth/permissions';
import { cn } from '../../../shared/lib/cn';
import { Button, IconButton } from '../../../shared/ui/Button';
import { Icon } from '../../../shared/ui/Icon';
import { Tabs } from '../../../shared/ui/Tabs';
import { useEditor, useEditorContext, useRun } from '../store/EditorContext';
import { PipelineSettingsDialog } from './PipelineSettingsDialog';
import { ProblemsButton } from './ProblemsButton';

export type EditorTab = 'canvas' | 'api' | 'triggers';

/**
 * The editor's top bar: name, draft or published state, tabs, history,
 * settings, publish and run (which runs the draft). On a read-only canvas (a viewer's) it says so, and keeps only what may
 * still be done there: run, the API tab, the versions and a look at the
 * settings.
 */
export function EditorHeader({
  pipelineId,
  tab,
  saving,
  running,
  onSave,
  onRun,
  onCancel,
  onVersions,
  onDiscardDraft,
}: {
  pipelineId: string;
  tab: EditorTab;
  saving: boolean;
  running: boolean;
  onSave: () => void;
  onRun: () => void;
  onCancel: () => void;
  onVersions: () => void;
  /** Drops the unpublished changes and goes back to the published version. */
  onDiscardDraft?: () => void;
}) {
  const { store } = useEditorContext();
  const name = useEditor((s) => s.meta.name);
  const dirty = useEditor((s) => s.revision !== s.savedRevision);
  const version = useEditor((s) => s.baseVersion);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const readOnly = useEditor((s) => s.readOnly);
  const role = useRole();
  const why = refusal(role, 'build');
  const base = `/pipelines/${encodeURIComponent(pipelineId)}`;
  const inFlight = useRun((s) => s.run.status === 'running' || s.run.status === 'queued');
  const settings = useEditor((s) => s.meta.settings);
  const [settingsOpen, setSettingsOpen] = useState(false);

  return (
    <header className="flex h-14 shrink-0 items-center gap-3 border-b border-line bg-surface px-3">
      <IconButton icon="arrow-left" label="All pipelines" onClick={() => navigate('/')} />
      <div className="flex min-w-0 flex-col">
        <input
          aria-label="Pipeline name"
          value={name}
          readOnly={readOnly}
          title={readOnly ? why : undefined}
          onChange={(e) => store.getState().setMeta({ name: e.target.value })}
          className={cn(
            '-ml-1 w-64 min-w-0 truncate rounded-md border border-transparent bg-transparent px-1 text-sm font-semibold outline-none',
            readOnly ? 'cursor-default' : 'hover:border-line focus:border-accent',
          )}
        />
        <span className="flex items-center gap-1.5 text-[11px] text-muted">
          <span className="flex items-center gap-1.5" data-testid="save-state">
            <span
              aria-hidden="true"
              className={cn('h-1.5 w-1.5 rounded-full', dirty ? 'bg-warning' : 'bg-success')}
            />
            {dirty ? 'Draft — unpublished changes' : version ? `Published · version ${version}` : 'Published'}
          </span>
          {dirty && onDiscardDraft && !readOnly ? (
            <button
              type="button"
              className="text-accent hover:underline"
              data-testid="discard-draft"
              onClick={() => {
                if (window.confirm('Discard the unpublished changes and go back to the published version?')) onDiscardDraft();
              }}
            >
              Discard draft
            </button>
          ) : null}
        </span>
      </div>
      <div className="ml-4 rounded-lg bg-surface-2 p-0.5">
        <Tabs<EditorTab>
          value={tab}
          onChange={(t) => navigate(t === 'canvas' ? base : `${base}/${t}`)}
          items={[
            { key: 'canvas', label: 'Canvas' },
            { key: 'triggers', label: 'Triggers' },
            { key: 'api', label: 'API' },
          ]}
        />
      </div>
      <span className="flex-1" />
      {readOnly ? (
        <span
          className="flex items-center gap-1.5 rounded-md bg-surface-2 px-2 py-1 text-[11px] text-muted"
          title={`${why}: you can open, run and call this pipeline, not change it.`}
          data-testid="read-only"
        >
          <Icon name="lock" size={12} />
          {role ? `Read-only — your role is ${role}` : 'Read-only'}
        </span>
      ) : (
        <div className="flex items-center gap-0.5">
          <IconButton icon="undo" label="Undo (Ctrl+Z)" disabled={!canUndo} onClick={() => store.getState().undo()} />
          <IconButton icon="redo" label="Redo (Ctrl+Shift+Z)" disabled={!canRedo} onClick={() => store.getState().redo()} />
        </div>
      )}
      <ProblemsButton onOpenSettings={() => setSettingsOpen(true)} />
      <Button icon="settings" onClick={() => setSettingsOpen(true)} title="How runs of this pipeline are kept, limited and ordered">
        Settings
      </Button>
      <Button icon="history" onClick={onVersions}>
        Versions
      </Button>
      <Button
        icon="save"
        busy={saving}
        disabled={readOnly}
        onClick={onSave}
        title={readOnly ? why : 'Publish (Ctrl+S): make a new version, the one API callers, webhooks, schedules and forms run'}
        data-testid="save"
      >
        Publish
      </Button>
      {inFlight ? (
        <Button variant="danger" icon="stop" onClick={onCancel} title="Cancel the run" data-testid="cancel-run">
          Stop
        </Button>
      ) : (
        <Button variant="primary" icon="play" busy={running} onClick={onRun} title="Run (Ctrl+Enter)" data-testid="run">
          Run
        </Button>
      )}
      {settingsOpen ? (
        <PipelineSettingsDialog
          settings={settings}
          readOnly={readOnly}
          onApply={(next) => {
            store.getState().setSettings(next);
            setSettingsOpen(false);
          }}
          onClose={() => setSettingsOpen(false)}
        />
      ) : null}
    </header>
  );
}

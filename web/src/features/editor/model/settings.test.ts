import { describe, expect, it } from 'vitest';
import { problemPlace } from './problems';
import { checkDraft, draftOf, errorPipelineChoices, sameSettings, settingsOf } from './settings';

describe('pipeline settings model', () => {
  it('writes nothing for a document without settings, nor for values typed at their default', () => {
    expect(settingsOf(draftOf(undefined), undefined)).toBeUndefined();
    const atDefaults = { ...draftOf(undefined), timeoutSeconds: '3600', maxConcurrency: '8', priority: '0' };
    expect(checkDraft(atDefaults)).toEqual({});
    expect(settingsOf(atDefaults, undefined)).toBeUndefined();
  });

  it('writes what differs from the defaults, the timeout in milliseconds', () => {
    const draft = { saveExecutions: 'errors', timeoutSeconds: '1.5', maxConcurrency: '4', runConcurrency: '1', priority: '-5', errorPipeline: 'alerts' };
    expect(settingsOf(draft, undefined)).toEqual({
      error_pipeline: 'alerts',
      save_executions: 'errors',
      timeout_ms: 1500,
      max_concurrency: 4,
      run_concurrency: 1,
      priority: -5,
    });
  });

  it('reads a document back into the same fields, and keeps settings it does not edit', () => {
    const loaded = { run_concurrency: 3, timeout_ms: 600_000, save_executions: 'none' as const, error_pipeline: 'alerts' };
    const draft = draftOf(loaded);
    expect(draft).toEqual({ saveExecutions: 'none', timeoutSeconds: '600', maxConcurrency: '', runConcurrency: '3', priority: '', errorPipeline: 'alerts' });
    const written = settingsOf(draft, loaded);
    expect(written).toEqual(loaded);
    expect(sameSettings(written, loaded)).toBe(true);
    // Clearing a field takes its key out; another setting left alone stays.
    expect(settingsOf({ ...draft, runConcurrency: '', saveExecutions: 'all', timeoutSeconds: '' }, loaded)).toEqual({ error_pipeline: 'alerts' });
    expect(settingsOf({ ...draft, runConcurrency: '', saveExecutions: 'all', timeoutSeconds: '', errorPipeline: '' }, loaded)).toBeUndefined();
  });

  it("refuses what the server would, field by field, with the field's bounds", () => {
    const draft = { saveExecutions: 'some', timeoutSeconds: '86401', maxConcurrency: '257', runConcurrency: '0', priority: '1001', errorPipeline: '' };
    expect(checkDraft(draft)).toEqual({
      saveExecutions: 'Choose All, Errors only or None.',
      timeoutSeconds: 'Enter a number from 1 to 86,400.',
      maxConcurrency: 'Enter a whole number from 1 to 256.',
      runConcurrency: 'Enter a whole number from 1 to 10,000.',
      priority: 'Enter a whole number from -1,000 to 1,000.',
    });
    expect(checkDraft({ ...draft, saveExecutions: 'none', timeoutSeconds: '86400', maxConcurrency: '256', runConcurrency: '10000', priority: '-1000' })).toEqual({});
  });

  it('offers the workspace’s other pipelines as error pipelines, keeping a chosen one that is gone', () => {
    const pipelines = [
      { id: 'triage', name: 'Ticket triage' },
      { id: 'alerts', name: 'Alerts' },
      { id: 'raw', name: '' },
    ];
    expect(errorPipelineChoices(pipelines, 'triage', '')).toEqual([
      { id: 'alerts', label: 'Alerts (alerts)' },
      { id: 'raw', label: 'raw' },
    ]);
    expect(errorPipelineChoices(pipelines, 'triage', 'deleted').map((c) => c.label)).toEqual(['deleted (not found)', 'Alerts (alerts)', 'raw']);
  });

  it('names a problem in the settings by the name the dialog shows', () => {
    expect(problemPlace('/settings/run_concurrency')).toEqual({ label: 'Pipeline settings · Runs at once', settings: true });
    expect(problemPlace('/settings/timeout_ms')).toEqual({ label: 'Pipeline settings · Run timeout', settings: true });
    expect(problemPlace('/settings/colour')).toEqual({ label: 'Pipeline settings · colour', settings: true });
    expect(problemPlace('/settings')).toEqual({ label: 'Pipeline settings', settings: true });
    expect(problemPlace('/edges')).toEqual({ label: '/edges', settings: false });
    expect(problemPlace('')).toEqual({ label: '/', settings: false });
  });
});

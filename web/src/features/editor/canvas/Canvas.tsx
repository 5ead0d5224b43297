import {
  Background,
  BackgroundVariant,
  Controls,
  ControlButton,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type FitViewOptions,
  type IsValidConnection,
  type NodeChange,
} from '@xyflow/react';
import { startTransition, useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { Icon } from '../../../shared/ui/Icon';
import { categoryColor, initialConfig } from '../model/catalogue';
import { isTerminal } from './terminal';
import type { WeftEdge as WeftFlowEdge, WeftNode as WeftFlowNode } from '../model/flow';
import { NoteActionsContext, NoteNode, type NoteFlowNode } from '../notes/NoteNode';
import { isNoteId, kNoteColors } from '../notes/notes';
import { useNotes } from '../notes/useNotes';
import { kDragType } from '../palette/PaletteItem';
import { useCatalogue, useEditor, useEditorContext } from '../store/EditorContext';
import { edgeAtPoint, markDropEdge, spliceHandle } from './edgeDrop';
import { FindBox } from './FindBox';
import { ShortcutsHelp } from './ShortcutsHelp';
import { WeftEdge } from './WeftEdge';
import { useCanvasMenu } from './useCanvasMenu';
import { WeftNode } from './WeftNode';

/** Blocks and, under them, sticky notes (kept apart from the document: see notes/notes.ts). */
type CanvasNode = WeftFlowNode | NoteFlowNode;
const nodeTypes = { weft: WeftNode, note: NoteNode };
const edgeTypes = { weft: WeftEdge };
const kFitOptions: FitViewOptions<WeftFlowNode> = { padding: 0.2, maxZoom: 1 };
/**
 * With the block panel open (360 px wide, 12 px from the edge), Fit View
 * keeps the blocks left of it: the right padding is the panel and a margin.
 */
const kFitBesidePanelOptions: FitViewOptions<WeftFlowNode> = { padding: { top: '8%', bottom: '8%', left: '8%', right: '420px' }, maxZoom: 1 };
/** Opening a large pipeline shows where it starts at a readable zoom, not every block as a dot. */
const kOpenFitOptions = { ...kFitOptions, minZoom: 0.7 };
/**
 * A large pipeline mounts this many blocks per task, so opening it never
 * blocks the page for long (the first batch is what the view opens on).
 */
const kMountBatch = 12;
const kDefaultEdgeOptions = { type: 'weft' };
const kMiniMapSize = { width: 168, height: 112 };
/** Small graphs fit on screen; the minimap would only hide part of them. */
const kMiniMapFrom = 12;

/**
 * The React Flow canvas bound to the editor store. `sidePanel`: the block
 * panel is open over its right side, so Fit View leaves room for it.
 */
export function Canvas({ onEmptyHint, sidePanel = false }: { onEmptyHint?: boolean; sidePanel?: boolean }) {
  const { store } = useEditorContext();
  const catalogue = useCatalogue();
  const allNodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const [total] = useState(() => allNodes.length);
  const [limit, setLimit] = useState(() => (total > kMountBatch ? kMountBatch : Infinity));
  useEffect(() => {
    if (limit === Infinity) return;
    const timer = setTimeout(
      () => startTransition(() => setLimit((l) => (l + kMountBatch >= total ? Infinity : l + kMountBatch))),
      0,
    );
    return () => clearTimeout(timer);
  }, [limit, total]);
  const nodes = limit === Infinity ? allNodes : allNodes.slice(0, limit);
  const readOnly = useEditor((s) => s.readOnly);
  const flow = useReactFlow<WeftFlowNode, WeftFlowEdge>();
  const pipelineId = useEditor((s) => s.meta.id);
  const notes = useNotes(pipelineId, readOnly);
  const onNoteChanges = notes.onChanges;
  const shown: CanvasNode[] = useMemo(() => (notes.nodes.length > 0 ? [...notes.nodes, ...nodes] : nodes), [notes.nodes, nodes]);
  // Fit only a canvas that opens with blocks; an empty one would zoom onto its first block.
  const [fitOnOpen] = useState(() => store.getState().nodes.length > 0);

  const dropEdge = useRef<string | null>(null);
  const onDrop = useCallback(
    (e: DragEvent) => {
      dropEdge.current = markDropEdge(null, dropEdge.current);
      const type = e.dataTransfer.getData(kDragType);
      if (!type || readOnly) {
        return;
      }
      e.preventDefault();
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const config = initialConfig(catalogue.get(type));
      // Dropped on an edge: the block goes in between, source → block → target.
      const edge = edgeAtPoint(e.clientX, e.clientY);
      const handle = edge ? spliceHandle(catalogue.get(type), { type, config }) : null;
      store.getState().addNode(type, { x: at.x - 120, y: at.y - 30 }, config, edge && handle ? { edgeId: edge, ...handle } : undefined);
    },
    [flow, store, catalogue, readOnly],
  );

  const onDragOver = useCallback(
    (e: DragEvent) => {
      if (e.dataTransfer.types.includes(kDragType) && !readOnly) {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        dropEdge.current = markDropEdge(edgeAtPoint(e.clientX, e.clientY), dropEdge.current);
      }
    },
    [readOnly],
  );
  const onDragLeave = useCallback(() => {
    dropEdge.current = markDropEdge(null, dropEdge.current);
  }, []);

  const isValidConnection: IsValidConnection<WeftFlowEdge> = useCallback(
    (c) => {
      if (c.source === c.target) return false;
      const s = store.getState();
      // An output block ends the pipeline: nothing leaves it.
      const source = s.nodes.find((n) => n.id === c.source);
      if (source && isTerminal(catalogue.get(source.data.type))) return false;
      return !s.edges.some(
        (e) => e.source === c.source && e.target === c.target && (e.sourceHandle ?? null) === (c.sourceHandle ?? null),
      );
    },
    [store, catalogue],
  );
  const fitOptions = sidePanel ? kFitBesidePanelOptions : kFitOptions;

  const onConnect = useCallback((c: Connection) => store.getState().connect(c), [store]);
  // A drag starts on the press (nodeDragThreshold 0, see below), so a click starts one too: the
  // undo step is recorded when a block first moves, not on every click.
  const dragUnrecorded = useRef(false);
  const dragMoved = useRef(false);
  const onNodeDragStart = useCallback(() => {
    dragUnrecorded.current = true;
    dragMoved.current = false;
  }, []);
  // A block with no connections dropped onto an edge goes in between, in the drag's undo step.
  const onNodeDragStop = useCallback(
    (e: MouseEvent | TouchEvent, node: CanvasNode) => {
      dragUnrecorded.current = false;
      if (!dragMoved.current || isNoteId(node.id) || readOnly) return;
      const s = store.getState();
      const dragged = s.nodes.find((n) => n.id === node.id);
      if (!dragged || s.nodes.filter((n) => n.selected).length > 1) return;
      if (s.edges.some((edge) => edge.source === node.id || edge.target === node.id)) return;
      const point = 'changedTouches' in e ? e.changedTouches[0] : e;
      const edge = point ? edgeAtPoint(point.clientX, point.clientY, node.id) : null;
      const handle = edge ? spliceHandle(catalogue.get(dragged.data.type), dragged.data) : null;
      if (edge && handle) s.spliceEdge({ edgeId: edge, ...handle }, node.id, true);
    },
    [store, catalogue, readOnly],
  );
  const onNodesChange = useCallback(
    (all: NodeChange<CanvasNode>[]) => {
      const noteChanges = all.filter((c) => 'id' in c && isNoteId(c.id));
      if (noteChanges.length > 0) onNoteChanges(noteChanges);
      const changes = (noteChanges.length > 0 ? all.filter((c) => !('id' in c && isNoteId(c.id))) : all) as NodeChange<WeftFlowNode>[];
      if (changes.length === 0) return;
      if (changes.some((c) => c.type === 'position' && c.position)) dragMoved.current = true;
      if (dragUnrecorded.current && changes.some((c) => c.type === 'position' && c.position)) {
        dragUnrecorded.current = false;
        store.getState().checkpoint();
      }
      store.getState().onNodesChange(changes);
    },
    [store, onNoteChanges],
  );
  // With the grip taken on the press, React Flow selects on the press too, but not with Shift held
  // (its box-select key): a shift-click adds the block to the selection, or takes it out, here.
  const onNodeClick = useCallback(
    (e: ReactMouseEvent, node: CanvasNode) => {
      if (!e.shiftKey || e.ctrlKey || e.metaKey || isNoteId(node.id)) return;
      const selected = store.getState().nodes.find((n) => n.id === node.id)?.selected ?? false;
      store.getState().onNodesChange([{ type: 'select', id: node.id, selected: !selected }]);
    },
    [store],
  );
  const onEdgesChange = useCallback(
    (changes: Parameters<ReturnType<typeof store.getState>['onEdgesChange']>[0]) => store.getState().onEdgesChange(changes),
    [store],
  );
  const minimapColor = useCallback(
    (n: CanvasNode) => (n.type === 'note' ? kNoteColors[n.data.color].border : categoryColor(catalogue.get(n.data.type)?.category)),
    [catalogue],
  );
  const types = useMemo(() => [...catalogue.values()], [catalogue]);
  const canvasMenu = useCanvasMenu({ types, notes, readOnly, fitView: () => void flow.fitView(fitOptions) });

  return (
    <div
      className="relative h-full w-full"
      onDrop={onDrop}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      data-testid="canvas"
      data-mounting={limit === Infinity ? undefined : 'true'}
    >
      <NoteActionsContext.Provider value={notes.actions}>
      <ReactFlow<CanvasNode, WeftFlowEdge>
        nodes={shown}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={kDefaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onNodeContextMenu={canvasMenu.onNodeContextMenu}
        onPaneContextMenu={canvasMenu.onPaneContextMenu}
        // React Flow takes a block's grip where the pointer is once it passes the threshold, so the
        // move up to there was lost: a quick drag on a busy page (one coalesced move) left the block
        // where it was. With 0 the grip is taken on the press, where the pointer went down.
        nodeDragThreshold={0}
        isValidConnection={isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        fitView={fitOnOpen}
        fitViewOptions={kOpenFitOptions}
        minZoom={0.1}
        maxZoom={2}
        onlyRenderVisibleElements={allNodes.length > 100}
        proOptions={{ hideAttribution: false }}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="var(--grid)" />
        <Controls showInteractive={false} fitViewOptions={fitOptions}>
          {!readOnly ? (
            <ControlButton onClick={() => { store.getState().autoLayout(); requestAnimationFrame(() => flow.fitView(fitOptions)); }} title="Auto-layout" aria-label="Auto-layout">
              <Icon name="layout" size={14} />
            </ControlButton>
          ) : null}
          {!readOnly ? (
            <ControlButton
              onClick={() => {
                const box = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
                const at = box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 3 }) : { x: 0, y: 0 };
                notes.add({ x: at.x - 120, y: at.y - 70 });
              }}
              title="Add a sticky note"
              aria-label="Add a sticky note"
            >
              <Icon name="file-text" size={14} />
            </ControlButton>
          ) : null}
          {!readOnly ? <ShortcutsHelp /> : null}
        </Controls>
        {allNodes.length >= kMiniMapFrom ? <MiniMap pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} nodeBorderRadius={6} style={kMiniMapSize} /> : null}
      </ReactFlow>
      </NoteActionsContext.Provider>
      <FindBox />
      {canvasMenu.menu}
      {onEmptyHint && nodes.length === 0 ? (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
          <div className="rounded-2xl border border-dashed border-line-strong bg-surface/80 px-8 py-6 text-center backdrop-blur-sm">
            <div className="mx-auto mb-2 flex h-10 w-10 items-center justify-center rounded-xl bg-accent-soft text-accent">
              <Icon name="plus" size={18} />
            </div>
            <div className="text-sm font-semibold">Start with an input</div>
            <div className="mt-1 max-w-64 text-xs text-muted">
              Drag a block from the left onto the canvas, then connect handle to handle.
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}

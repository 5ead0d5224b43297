import {
  Background,
  BackgroundVariant,
  Controls,
  ControlButton,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type IsValidConnection,
} from '@xyflow/react';
import { startTransition, useCallback, useEffect, useState, type DragEvent } from 'react';
import { Icon } from '../../../shared/ui/Icon';
import { categoryColor, initialConfig } from '../model/catalogue';
import type { WeftEdge as WeftFlowEdge, WeftNode as WeftFlowNode } from '../model/flow';
import { kDragType } from '../palette/PaletteItem';
import { useCatalogue, useEditor, useEditorContext } from '../store/EditorContext';
import { ShortcutsHelp } from './ShortcutsHelp';
import { WeftEdge } from './WeftEdge';
import { WeftNode } from './WeftNode';

const nodeTypes = { weft: WeftNode };
const edgeTypes = { weft: WeftEdge };
const kFitOptions = { padding: 0.2, maxZoom: 1 };
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

/** The React Flow canvas bound to the editor store. */
export function Canvas({ onEmptyHint }: { onEmptyHint?: boolean }) {
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
  // Fit only a canvas that opens with blocks; an empty one would zoom onto its first block.
  const [fitOnOpen] = useState(() => store.getState().nodes.length > 0);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(kDragType);
      if (!type || readOnly) {
        return;
      }
      e.preventDefault();
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      store.getState().addNode(type, { x: at.x - 120, y: at.y - 30 }, initialConfig(catalogue.get(type)));
    },
    [flow, store, catalogue, readOnly],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(kDragType)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
    }
  }, []);

  const isValidConnection: IsValidConnection<WeftFlowEdge> = useCallback(
    (c) => c.source !== c.target && !store.getState().edges.some(
      (e) => e.source === c.source && e.target === c.target && (e.sourceHandle ?? null) === (c.sourceHandle ?? null),
    ),
    [store],
  );

  const onConnect = useCallback((c: Connection) => store.getState().connect(c), [store]);
  const onNodeDragStart = useCallback(() => store.getState().checkpoint(), [store]);
  const onNodesChange = useCallback(
    (changes: Parameters<ReturnType<typeof store.getState>['onNodesChange']>[0]) => store.getState().onNodesChange(changes),
    [store],
  );
  const onEdgesChange = useCallback(
    (changes: Parameters<ReturnType<typeof store.getState>['onEdgesChange']>[0]) => store.getState().onEdgesChange(changes),
    [store],
  );
  const minimapColor = useCallback(
    (n: WeftFlowNode) => categoryColor(catalogue.get(n.data.type)?.category),
    [catalogue],
  );

  return (
    <div className="relative h-full w-full" onDrop={onDrop} onDragOver={onDragOver} data-testid="canvas">
      <ReactFlow<WeftFlowNode, WeftFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={kDefaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={onNodeDragStart}
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
        <Controls showInteractive={false} fitViewOptions={kFitOptions}>
          {!readOnly ? (
            <ControlButton onClick={() => { store.getState().autoLayout(); requestAnimationFrame(() => flow.fitView(kFitOptions)); }} title="Auto-layout" aria-label="Auto-layout">
              <Icon name="layout" size={14} />
            </ControlButton>
          ) : null}
          {!readOnly ? <ShortcutsHelp /> : null}
        </Controls>
        {allNodes.length >= kMiniMapFrom ? <MiniMap pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} nodeBorderRadius={6} style={kMiniMapSize} /> : null}
      </ReactFlow>
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

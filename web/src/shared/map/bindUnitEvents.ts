/**
 * Pointer interaction with the unit polygons: hover highlight, and selection on click (also shown
 * by feature-state, `hover` and `selected`). Returns a function that unbinds everything.
 */
import type { MapLayerMouseEvent } from 'maplibre-gl';
import type { AtlasMap } from './atlasMap.ts';
import { LAYERS } from './style.ts';

export interface UnitEventHandlers {
  onHover?(id: number | null): void;
  onSelect?(id: number | null): void;
}

export interface UnitEvents {
  /** Marks a unit selected (or none), as a click would. */
  select(id: number | null): void;
  unbind(): void;
}

function featureId(event: MapLayerMouseEvent): number | null {
  const id = event.features?.[0]?.id;
  return typeof id === 'number' ? id : typeof id === 'string' && id !== '' ? Number(id) : null;
}

export function bindUnitEvents(atlas: AtlasMap, handlers: UnitEventHandlers = {}): UnitEvents {
  const map = atlas.map;
  let hovered: number | null = null;
  let selected: number | null = null;

  const setHover = (id: number | null) => {
    if (id === hovered) return;
    if (hovered !== null) atlas.setUnitState(hovered, { hover: false });
    hovered = id;
    if (id !== null) atlas.setUnitState(id, { hover: true });
    map.getCanvas().style.cursor = id === null ? '' : 'pointer';
    handlers.onHover?.(id);
  };

  const select = (id: number | null) => {
    if (id === selected) return;
    if (selected !== null) atlas.setUnitState(selected, { selected: false });
    selected = id;
    if (id !== null) atlas.setUnitState(id, { selected: true });
    handlers.onSelect?.(id);
  };

  const onMove = (event: MapLayerMouseEvent) => setHover(featureId(event));
  const onLeave = () => setHover(null);
  const onClick = (event: MapLayerMouseEvent) => select(featureId(event));
  const onMapClick = (event: MapLayerMouseEvent) => {
    // A click outside every unit clears the selection.
    if (map.queryRenderedFeatures(event.point, { layers: [LAYERS.fill] }).length === 0) select(null);
  };

  map.on('mousemove', LAYERS.fill, onMove);
  map.on('mouseleave', LAYERS.fill, onLeave);
  map.on('click', LAYERS.fill, onClick);
  map.on('click', onMapClick);

  return {
    select,
    unbind() {
      map.off('mousemove', LAYERS.fill, onMove);
      map.off('mouseleave', LAYERS.fill, onLeave);
      map.off('click', LAYERS.fill, onClick);
      map.off('click', onMapClick);
    },
  };
}

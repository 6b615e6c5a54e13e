/**
 * The planning map's selection tools: click (select), drag a box (the box tool, or Shift+drag with
 * any tool), or draw a polygon (click the vertices, double-click or Enter to close, Backspace to
 * undo a vertex, Esc to cancel). Boxes and polygons take the groups whose label point lies inside
 * (hitTest.ts); the sketch is drawn on the map as it grows.
 */
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { Feature, Geometry } from 'geojson';
import { closePolygon, idsInBox, idsInPolygon, isBoxDrag, type LabelPoint, type Position2 } from './hitTest.ts';
import { SKETCH } from './plansMapLayers.ts';

export type Tool = 'select' | 'box' | 'polygon';

export interface SketchHost {
  map(): MapLibreMap | undefined;
  container(): HTMLElement;
  interactive(): boolean;
  points(): readonly LabelPoint[];
  report(ids: number[], how: 'box' | 'polygon'): void;
}

export class Sketch {
  tool = $state<Tool>('select');
  box = $state<{ x: number; y: number; w: number; h: number } | null>(null);
  vertices = $state<Position2[]>([]);
  private boxStart: Position2 | null = null;

  constructor(private readonly host: SketchHost) {}

  /** Starts a box drag when the tool (or Shift) asks for one. */
  mouseDown(event: MapMouseEvent): boolean {
    const e = event.originalEvent;
    const tool = this.tool;
    if (!this.host.interactive() || e.button !== 0 || !(tool === 'box' || (e.shiftKey && tool !== 'polygon'))) {
      return false;
    }
    // Keeps MapLibre from panning: the drag is a box.
    event.preventDefault();
    this.boxStart = [event.point.x, event.point.y];
    this.box = { x: this.boxStart[0], y: this.boxStart[1], w: 0, h: 0 };
    window.addEventListener('mousemove', this.onBoxMove);
    window.addEventListener('mouseup', this.onBoxUp);
    return true;
  }

  private localPoint(e: MouseEvent): Position2 {
    const rect = this.host.container().getBoundingClientRect();
    return [
      Math.max(0, Math.min(rect.width, e.clientX - rect.left)),
      Math.max(0, Math.min(rect.height, e.clientY - rect.top)),
    ];
  }

  private onBoxMove = (e: MouseEvent) => {
    const start = this.boxStart;
    if (!start) return;
    const [x, y] = this.localPoint(e);
    this.box = {
      x: Math.min(x, start[0]),
      y: Math.min(y, start[1]),
      w: Math.abs(x - start[0]),
      h: Math.abs(y - start[1]),
    };
  };

  private endBox() {
    window.removeEventListener('mousemove', this.onBoxMove);
    window.removeEventListener('mouseup', this.onBoxUp);
    this.boxStart = null;
    this.box = null;
  }

  private onBoxUp = (e: MouseEvent) => {
    const start = this.boxStart;
    const end = this.localPoint(e);
    this.endBox();
    const map = this.host.map();
    if (!map || !start || !isBoxDrag(start, end)) return;
    const a = map.unproject(start);
    const b = map.unproject(end);
    this.host.report(idsInBox(this.host.points(), [a.lng, a.lat], [b.lng, b.lat]), 'box');
  };

  /** A click on the map: a vertex of the polygon being drawn. */
  click(event: MapMouseEvent): void {
    if (!this.host.interactive() || this.tool !== 'polygon') return;
    this.vertices = [...this.vertices, [event.lngLat.lng, event.lngLat.lat]];
    this.draw(null);
  }

  doubleClick(event: MapMouseEvent): void {
    if (!this.host.interactive() || this.tool !== 'polygon') return;
    event.preventDefault();
    this.finish();
  }

  /** The pointer moved: the polygon's open side follows it. */
  move(event: MapMouseEvent): void {
    if (this.tool === 'polygon' && this.vertices.length > 0) this.draw([event.lngLat.lng, event.lngLat.lat]);
  }

  private draw(cursor: Position2 | null) {
    const source = this.host.map()?.getSource<GeoJSONSource>(SKETCH);
    if (!source) return;
    const ring = cursor ? [...this.vertices, cursor] : [...this.vertices];
    const features: Feature<Geometry>[] = this.vertices.map((v) => ({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Point', coordinates: v },
    }));
    if (ring.length >= 3) {
      features.push({
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] },
      });
    } else if (ring.length === 2) {
      features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: ring } });
    }
    source.setData({ type: 'FeatureCollection', features });
  }

  private cancel() {
    this.vertices = [];
    this.draw(null);
  }

  private finish() {
    const map = this.host.map();
    if (!map) return;
    // Vertices are merged in screen pixels: a double-click adds its point twice.
    const screen = this.vertices.map((v) => {
      const p = map.project(v);
      return [p.x, p.y] as Position2;
    });
    const closed = closePolygon(screen);
    this.cancel();
    if (!closed) return;
    const ring = closed.map(([x, y]) => {
      const ll = map.unproject([x, y]);
      return [ll.lng, ll.lat] as Position2;
    });
    this.host.report(idsInPolygon(this.host.points(), ring), 'polygon');
  }

  key = (e: KeyboardEvent) => {
    const el = e.target as HTMLElement | null;
    if (el && ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) return;
    const drawing = this.tool === 'polygon' && this.vertices.length > 0;
    if (e.key === 'Escape') {
      if (this.boxStart) this.endBox();
      else if (this.vertices.length > 0) this.cancel();
      else if (this.tool !== 'select') this.setTool('select');
      else return;
    } else if (drawing && e.key === 'Enter') this.finish();
    else if (drawing && e.key === 'Backspace') {
      this.vertices = this.vertices.slice(0, -1);
      this.draw(null);
    } else return;
    e.preventDefault();
  };

  setTool(next: Tool): void {
    this.tool = next;
    this.cancel();
    const map = this.host.map();
    if (!map) return;
    if (next === 'polygon') map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
    map.getCanvas().style.cursor = next === 'select' ? '' : 'crosshair';
  }

  destroy(): void {
    this.endBox();
  }
}

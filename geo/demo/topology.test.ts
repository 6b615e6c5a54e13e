import { describe, expect, it } from 'vitest';
import { nodeAndRound, polygonDefects, tilingDefects, type MultiPolygonCoords } from './topology.ts';

const square = (x0: number, y0: number, x1: number, y1: number): MultiPolygonCoords => [
  [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
];

const decimals = (v: number): number => (String(v).split('.')[1] ?? '').length;

describe('nodeAndRound', () => {
  // Two halves of a rectangle; the right half has an extra vertex on the shared edge, computed
  // with floating-point noise — the T-junction that clipping leaves behind.
  const parent = square(105.9, 20.2, 106.0, 20.3);
  const left = square(105.9, 20.2, 105.95, 20.3);
  const right: MultiPolygonCoords = [
    [
      [
        [105.95, 20.2],
        [106.0, 20.2],
        [106.0, 20.3],
        [105.95, 20.3],
        [105.95 + 3e-13, 20.2345678912345],
        [105.95, 20.2],
      ],
    ],
  ];

  it('puts a vertex lying on a neighbour edge into that edge, so the tiling becomes exact', () => {
    expect(tilingDefects(parent, [left, right]).length).toBeGreaterThan(0);
    const [p, l, r] = nodeAndRound([parent, left, right]);
    expect(tilingDefects(p ?? [], [l ?? [], r ?? []])).toEqual([]);
    const onEdge = (g: MultiPolygonCoords | undefined): boolean =>
      (g?.[0]?.[0] ?? []).some((q) => q[0] === 105.95 && q[1] === 20.2345679);
    expect(onEdge(l)).toBe(true);
    expect(onEdge(r)).toBe(true);
  });

  it('rounds to the requested decimals and closes rings', () => {
    const out = nodeAndRound([right], { decimals: 5 });
    for (const q of out[0]?.[0]?.[0] ?? []) {
      expect(decimals(q[0] ?? 0)).toBeLessThanOrEqual(5);
      expect(decimals(q[1] ?? 0)).toBeLessThanOrEqual(5);
    }
    const ring = out[0]?.[0]?.[0] ?? [];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
  });

  it('orients outer rings counter-clockwise and drops spikes and repeated vertices', () => {
    const clockwiseWithSpike: MultiPolygonCoords = [
      [
        [
          [0, 0],
          [0, 1],
          [0, 1],
          [0.5, 1.5],
          [0, 1],
          [1, 1],
          [1, 0],
          [0, 0],
        ],
      ],
    ];
    const [out] = nodeAndRound([clockwiseWithSpike]);
    const ring = out?.[0]?.[0] ?? [];
    expect(ring).toHaveLength(5);
    expect(new Set(ring.map((q) => q.join(',')))).toEqual(new Set(['0,0', '1,0', '1,1', '0,1']));
    expect(polygonDefects(out ?? [])).toEqual([]);
  });

  it('drops a part thinner than the rounding step', () => {
    const sliver: MultiPolygonCoords = [
      ...square(0, 0, 1, 1),
      [
        [
          [2, 0],
          [3, 0],
          [3, 1e-9],
          [2, 0],
        ],
      ],
    ];
    expect(nodeAndRound([sliver])[0]).toHaveLength(1);
  });
});

describe('tilingDefects', () => {
  // The parent carries the vertices where the inner edge meets its boundary, as after nodeAndRound.
  const parent: MultiPolygonCoords = [
    [
      [
        [0, 0],
        [1, 0],
        [2, 0],
        [2, 1],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
    ],
  ];

  it('accepts an exact tiling', () => {
    expect(tilingDefects(parent, [square(0, 0, 1, 1), square(1, 0, 2, 1)])).toEqual([]);
  });

  it('is strict: a T-junction (vertex missing from the parent) is reported', () => {
    expect(tilingDefects(square(0, 0, 2, 1), [square(0, 0, 1, 1), square(1, 0, 2, 1)]).length).toBeGreaterThan(0);
  });

  it('finds a gap, an overlap and a part outside the parent', () => {
    expect(tilingDefects(parent, [square(0, 0, 0.9, 1), square(1, 0, 2, 1)]).length).toBeGreaterThan(0);
    expect(tilingDefects(parent, [square(0, 0, 1.1, 1), square(1, 0, 2, 1)]).length).toBeGreaterThan(0);
    expect(tilingDefects(parent, [square(0, 0, 1, 1), square(1, 0, 2, 1), square(1, 0, 2, 1)]).length).toBeGreaterThan(
      0,
    );
    expect(tilingDefects(parent, [square(0, 0, 1, 1), square(1, 0, 2, 1), square(3, 0, 4, 1)]).length).toBeGreaterThan(
      0,
    );
  });

  it('rejects invalid rings', () => {
    const bowtie: MultiPolygonCoords = [
      [
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ],
    ];
    expect(polygonDefects(bowtie).some((d) => d.includes('not simple'))).toBe(true);
    const clockwise: MultiPolygonCoords = [
      [
        [
          [0, 0],
          [0, 1],
          [1, 1],
          [1, 0],
          [0, 0],
        ],
      ],
    ];
    expect(polygonDefects(clockwise).some((d) => d.includes('orientation'))).toBe(true);
    expect(
      polygonDefects([
        [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      ]).length,
    ).toBeGreaterThan(0);
  });
});

/**
 * Type parsing shared by both backends so repositories see the same JS values on PGlite and on
 * PostgreSQL: 64-bit integers and numerics as numbers (counts here stay far below 2^53), and
 * calendar `date`s as the 'YYYY-MM-DD' string they are — never a JS Date shifted by time zone.
 */
export const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;

export const parsers: Record<number, (value: string) => unknown> = {
  [OID.INT8]: (v) => Number(v),
  [OID.NUMERIC]: (v) => Number(v),
  [OID.DATE]: (v) => v,
};

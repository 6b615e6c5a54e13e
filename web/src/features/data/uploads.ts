/**
 * The two imports as the page runs them: the boundary file as the raw body with NDJSON progress
 * lines read as they arrive, and the indicator sheet as multipart. Both hand back the server's
 * report also when it rejects the file, since that report says which row and field are wrong.
 */
import { describeError } from '../../shared/api/errors.ts';
import { ApiError, errorOf, postFile } from '../../shared/api/http.ts';
import { texts } from './texts.ts';
import { mappingParam, CONTENT_TYPES, type BoundaryFileKind } from './columns.ts';
import { readNdjson } from './ndjson.ts';
import type {
  EncodingChoice,
  BoundaryMapping,
  BoundaryProgressLine,
  BoundaryReport,
  IndicatorImportReport,
  IndicatorMapping,
} from './types.ts';

export interface BoundaryRun {
  file: File;
  kind: BoundaryFileKind;
  validFrom: string;
  mapping: BoundaryMapping;
  dryRun: boolean;
  repair: boolean;
  /** Share of area (0–0.5) above which overlaps and gaps are reported. */
  tolerance: number;
  srid?: number;
  /** `auto` unless the user chose the text encoding of a DBF or CSV. */
  encoding: EncodingChoice;
  /** GeoPackage: the layer to import. */
  layer?: string;
}

export interface Outcome<R> {
  ok: boolean;
  status: number;
  message: string;
  field?: string;
  report?: R;
}

export async function runBoundaryImport(
  run: BoundaryRun,
  onLine: (line: BoundaryProgressLine) => void,
  signal?: AbortSignal,
): Promise<Outcome<BoundaryReport>> {
  const mapping = mappingParam(run.mapping);
  const response = await postFile(
    '/api/imports/boundaries',
    {
      valid_from: run.validFrom,
      dry_run: String(run.dryRun),
      repair: String(run.repair),
      tolerance: run.tolerance,
      srid: run.srid,
      encoding: run.encoding === 'auto' ? undefined : run.encoding,
      layer: run.layer || undefined,
      mapping: Object.keys(mapping).length ? JSON.stringify(mapping) : undefined,
    },
    run.file,
    { 'content-type': CONTENT_TYPES[run.kind], accept: 'application/x-ndjson' },
    signal,
  );
  const type = response.headers.get('content-type') ?? '';
  // Refused before the import began (413, 400 on the query, 403): a plain JSON error.
  if (!type.includes('ndjson') || !response.body) return plainError(response);
  let last: BoundaryProgressLine | null = null;
  for await (const line of readNdjson<BoundaryProgressLine>(response.body)) {
    last = line;
    onLine(line);
  }
  if (!last || last.stage !== 'done') {
    return { ok: false, status: 0, message: texts.t.brokeOff };
  }
  return {
    ok: last.statusCode === 200,
    status: last.statusCode,
    message: last.statusCode === 200 ? '' : describeError(errorOf(last.statusCode, last, response.url)),
    ...(last.field ? { field: last.field } : {}),
    ...(last.report ? { report: last.report } : {}),
  };
}

export async function runIndicatorImport(
  file: File,
  mapping: IndicatorMapping | null,
  dryRun: boolean,
  encoding: EncodingChoice = 'auto',
): Promise<Outcome<IndicatorImportReport>> {
  const form = new FormData();
  if (mapping && Object.keys(mapping).length) form.append('mapping', JSON.stringify(mapping));
  form.append('file', file, file.name);
  const response = await postFile(
    '/api/imports/indicators',
    { dry_run: String(dryRun), encoding: encoding === 'auto' ? undefined : encoding },
    form,
  );
  let body: { message?: string; field?: string; report?: IndicatorImportReport } & Partial<IndicatorImportReport>;
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(response.status, `invalid answer (HTTP ${response.status})`, response.url, undefined, {
      code: 'client.bad_answer',
      params: { status: response.status },
    });
  }
  if (response.ok) return { ok: true, status: response.status, message: '', report: body as IndicatorImportReport };
  return {
    ok: false,
    status: response.status,
    message: describeError(errorOf(response.status, body, response.url)),
    ...(body.field ? { field: body.field } : {}),
    ...(body.report ? { report: body.report } : {}),
  };
}

async function plainError<R>(response: Response): Promise<Outcome<R>> {
  let body: { message?: string; field?: string; details?: R } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    /* not JSON: the status says enough */
  }
  return {
    ok: response.ok,
    status: response.status,
    message: describeError(errorOf(response.status, body, response.url)),
    ...(body.field ? { field: body.field } : {}),
    ...(body.details ? { report: body.details } : {}),
  };
}

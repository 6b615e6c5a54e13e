import { Type, type Static } from 'typebox';

/**
 * Every error the server sends: `{statusCode, error, code, params, message, field?, details?}`.
 * `code` is stable and listed below; `params` holds the values its text needs, so a client (the
 * web app) renders the error in its own language; `message` stays bilingual ("Vietnamese /
 * English") for API clients and logs; `field` names the request field it is about.
 *
 * This is the one list of codes. `AppError` (server/errors.ts) takes only these, so a refusal
 * cannot be thrown without one; the web imports the types (`ErrorCode`, `ErrorParams`) to keep its
 * texts in step. Each entry names the params its errors carry (`field` is there whenever the
 * refusal is about one request field).
 */
export const ERROR_CODES = {
  // The request as a whole (also what the framework answers by itself).
  'request.invalid': ['field'], // malformed request (e.g. a body that is not JSON)
  'request.timeout': [], // the request did not arrive in time (a trickled body)
  'request.too_large': [], // body over the size limit
  'request.unsupported_media_type': [],
  'request.rate_limited': ['retry_after_s'],
  not_found: [], // no such path (the same answer whatever was asked)
  'server.error': [], // logged with its stack, answered without it

  // One parameter (schema validation and the shared checks of server/http/).
  'params.invalid': ['field', 'in', 'rule', 'limit', 'pattern', 'format', 'type'],
  'params.missing': ['field', 'in'],
  'params.unknown': ['field', 'in'],
  'params.not_allowed': ['field', 'in', 'allowed'],
  'params.not_integer': ['field', 'in', 'minimum', 'maximum'],
  'params.not_number': ['field', 'in', 'minimum', 'maximum'],
  'params.out_of_range': ['field', 'in', 'minimum', 'maximum'],
  'params.nul_byte': ['field'],
  'params.invalid_date': ['field', 'value'], // no such calendar day (2025-02-30)
  'params.date_in_future': ['field', 'value'],
  'params.period_order': ['field', 'from', 'to'], // "from" after "to"
  'params.too_many_periods': ['field', 'max'],
  'params.nothing_to_change': ['fields'],
  'params.blank': ['field'], // a title or name that is only blanks
  'params.duplicate': ['field', 'value'], // the same id twice in a list
  // OGC API and downloads (server/ogc/ogc.params.ts): GIS clients send these.
  'params.invalid_datetime': ['field'],
  'params.unsupported_crs': ['field', 'supported'],
  'params.invalid_bbox': ['field'],
  'params.invalid_cursor': ['field'],
  'params.too_many_values': ['field', 'max'],
  'params.repeated': ['field'],
  'params.bbox_crs_without_bbox': ['field'],
  'params.period_required': ['field'],

  // Signing in, sessions, tokens, passwords.
  'auth.required': [],
  'auth.invalid_token': [],
  'auth.forbidden': [],
  'auth.role_not_allowed': ['role', 'allowed'],
  'auth.csrf': ['header'],
  'auth.login_failed': [],
  'auth.login_delayed': ['retry_after_s'],
  'auth.too_many_attempts': ['retry_after_s'],
  'auth.account_locked': [],
  'auth.password_too_short': ['field', 'min_length', 'min_distinct'],
  'auth.password_too_repetitive': ['field', 'min_length', 'min_distinct'],
  'auth.password_too_common': ['field', 'min_length', 'min_distinct'],
  'auth.current_password_wrong': ['field'],
  'auth.token_lifetime_too_long': ['field', 'max_days'],
  'auth.whole_area_required': [], // an administrator limited to some wards asked for an area-wide action

  // Things asked for by id: absent and outside the caller's scope get the same answer.
  'unit.not_found': ['id', 'field'],
  'hotspot.not_found': ['id', 'field'],
  'plan.not_found': ['id', 'field'],
  'view.not_found': ['id', 'field'],
  'briefing.not_found': ['id', 'field'],
  'user.not_found': ['id', 'field'],
  'token.not_found': ['id', 'field'],
  'feature.not_found': ['id', 'field'], // OGC API: a feature by id
  'ogc.collection_not_found': ['field', 'collections'],
  'crosswalk.not_found': ['field', 'from_unit_id', 'to_unit_id'],
  'basemap.not_found': ['field'],

  // Accounts.
  'user.username_taken': ['field', 'username'],
  'user.cannot_demote_self': ['field'],
  'user.cannot_change_own_access': [],
  'user.scope_outside_yours': ['field'],
  'user.scope_not_ward': ['field', 'unit_id', 'kind'], // unknown units: kind null

  // Units and values.
  'unit.invalid_name': ['field'], // empty, or starts like a spreadsheet formula
  'unit.not_valid_on': ['field', 'code', 'date'], // the unit does not exist on that date or in that month
  'unit.wrong_kind': ['field', 'code', 'kind', 'expected'], // e.g. only groups can be hotspots or plan items
  'unit.gone': ['field', 'code', 'valid_to'], // a group that no longer exists
  'indicator.unknown': ['field', 'indicator', 'allowed'],
  'indicator.not_at_level': ['field', 'indicator', 'level', 'levels'],
  'indicator.not_per_group': ['field', 'indicator'],
  // The catalogue, as administrators edit it (server/indicators, rules in geo/catalogue-rules.ts).
  'indicator.not_found': ['field', 'indicator'],
  'indicator.key_taken': ['field', 'indicator'],
  'indicator.name_taken': ['field', 'indicator', 'name'],
  'indicator.has_data': ['field', 'indicator', 'values'], // delete, or change kind / entry level
  'indicator.in_use': ['field', 'indicator', 'ratios', 'views', 'values'],
  'indicator.retired': ['field', 'indicator', 'retired_at'], // no new values for a retired indicator
  'indicator.invalid_key': ['field', 'pattern'],
  'indicator.entry_not_in_levels': ['field', 'entry_level', 'levels'],
  'indicator.level_below_entry': ['field', 'entry_level', 'levels'],
  'indicator.rule_for_kind': ['field', 'kind', 'expected'],
  'indicator.ratio_parts_required': ['field'],
  'indicator.ratio_part_unknown': ['field', 'indicator'],
  'indicator.ratio_part_not_count': ['field', 'indicator', 'kind'],
  'indicator.ratio_part_retired': ['field', 'indicator'],
  'indicator.ratio_parts_same': ['field', 'indicator'],
  'indicator.ratio_level_not_in_part': ['field', 'indicator', 'levels'],
  'indicator.parts_only_for_ratio': ['field'],
  'indicator.scale_only_for_ratio': ['field'],
  'indicator.not_summable': ['field', 'kind', 'levels'],
  'observation.ratio_computed': ['field', 'indicator', 'numerator', 'denominator'],
  'observation.period_out_of_range': ['field', 'first', 'last'],
  'observation.not_count': ['field', 'value'],
  'observation.not_percent': ['field', 'value'],
  'observation.not_boolean': ['field', 'value'],
  'observation.wrong_level': ['field', 'indicator', 'entry_level', 'kind'],
  'observation.numerator_exceeds': ['field', 'ratio', 'denominator', 'denominator_value'],
  'observation.denominator_below': ['field', 'ratio', 'numerator', 'numerator_value'],

  // Hotspots.
  'hotspot.no_category': ['field'],
  'hotspot.target_before_designation': ['field'],
  'hotspot.already': ['field', 'code', 'hotspot_id'],
  'hotspot.before_designation': ['field', 'designated_on'],
  'hotspot.before_last_change': ['field', 'last'],
  'hotspot.transition_not_allowed': ['field', 'from', 'to', 'allowed'],

  // Plans.
  'plan.wrong_status': ['field', 'id', 'status', 'action', 'allowed'],
  'plan.revision_open': ['field', 'id', 'revision'],
  'plan.no_items': ['field'],
  'plan.comment_required': ['field'],
  'plan.compare_b_or_top': ['field'],
  'plan.compare_needs_window': ['field'],
  'plan.weights_invalid': ['field', 'detail'],
  'plan.too_many_indicators': ['field', 'max'],

  // Saved views and briefings.
  'view.not_owner': ['owner'],
  'view.period_kinds': ['field'],
  'view.from_after_period': ['field'],
  'view.not_yours': ['field', 'ids'],
  'briefing.not_owner': ['owner'],
  'briefing.views_not_found': ['field', 'ids'],

  // Imports (boundary files and indicator sheets): the file, then its content.
  'import.no_file': ['field'],
  'import.too_large': ['field', 'max_bytes'],
  'import.not_multipart': [],
  'import.upload_broken': ['field'],
  'import.unexpected_field': ['field'],
  'import.mapping_not_json': ['field'],
  'import.mapping_shape': ['field'],
  'import.mapping_unknown_field': ['field', 'name', 'allowed'],
  'import.no_indicators': ['field'],
  'import.no_features': ['field'],
  'import.rejected': ['field', 'errors_total'], // `details`/`report` hold every problem by row
  'import.preview_empty': [],
  'import.empty': ['field'],
  'import.not_text': ['field', 'detected'],
  'import.not_zip': ['field'],
  'import.zip_broken': ['field'],
  'import.unsafe_path': ['field', 'name'],
  'import.too_large_unpacked': ['field', 'declared', 'limit'],
  'import.encrypted': ['field', 'name'],
  'import.method': ['field', 'name', 'method'],
  'import.zip_shp_count': ['field', 'count'],
  'import.shp_no_dbf': ['field'],
  'import.shp_no_prj': ['field'],
  'import.shp_broken': ['field', 'row'],
  'import.shp_dbf_mismatch': ['field', 'row'],
  'import.dbf_broken': ['field'],
  'import.not_geopackage': ['field'],
  'import.gpkg_broken': ['field'],
  'import.gpkg_no_layers': ['field'],
  'import.gpkg_no_crs': ['field', 'layer'],
  'import.gpkg_layer_unknown': ['field', 'layer', 'layers'],
  'import.gpkg_layer_required': ['field', 'layers'],
  'import.layer_not_geopackage': ['field'],
  'import.encoding_geojson': ['field'],
  'import.encoding_unknown': ['field', 'cpg'],
  'import.crs_unsupported': ['field'],
  'import.malformed_json': ['field', 'position'],
  'import.nesting_too_deep': ['field', 'limit'],
  'import.not_feature_collection': ['field'],
  'import.not_a_feature': ['field', 'row'],
  'import.csv_no_wkt': ['field'],
  'import.csv_no_rows': ['field'],
  'import.malformed_csv': ['field', 'line'],
} as const satisfies Record<string, readonly string[]>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The params an error of code `C` carries (each may be absent where it does not apply). */
export type ErrorParams<C extends ErrorCode = ErrorCode> = Partial<Record<(typeof ERROR_CODES)[C][number], unknown>>;

/** The error body, as every route documents it. */
export const ErrorResponse = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  code: Type.String({ description: 'stable error code (server/http/errors.schemas.ts)' }),
  params: Type.Record(Type.String(), Type.Unknown()),
  message: Type.String({ description: 'Vietnamese / English' }),
  field: Type.Optional(Type.String()),
  details: Type.Optional(Type.Unknown()),
});
export type ErrorResponse = Static<typeof ErrorResponse>;

/** The error answers a route documents, by status: `errorResponses(400, 404)`. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof ErrorResponse> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorResponse])) as Record<S, typeof ErrorResponse>;
}

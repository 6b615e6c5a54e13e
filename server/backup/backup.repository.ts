import { sql, type Kysely } from 'kysely';

export interface TableInfo {
  name: string;
  columns: { name: string; type: string; identity: boolean }[];
  primaryKey: string[];
  dependsOn: string[];
}

/** Tables that are not data: migration bookkeeping and sessions (a restore signs everyone out). */
const SKIP = new Set(['kysely_migration', 'kysely_migration_lock', 'user_session', 'spatial_ref_sys']);

/**
 * Generic table access for backup and restore: discovers the application's tables, their columns,
 * keys and foreign-key order from the catalogue, so tables added by later migrations are included
 * without touching this file. Geometry travels as hex EWKB, everything else as JSON values.
 */
export class BackupRepository {
  constructor(private readonly db: Kysely<unknown>) {}

  async migrations(): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(this.db);
    return rows.map((r) => r.name);
  }

  async tables(): Promise<TableInfo[]> {
    const cols = await sql<{ table_name: string; column_name: string; udt_name: string; is_identity: string }>`
      select c.table_name, c.column_name, c.udt_name, c.is_identity
      from information_schema.columns c join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = 'public' order by c.table_name, c.ordinal_position`.execute(this.db);
    const keys = await sql<{ table_name: string; column_name: string }>`
      select k.table_name, k.column_name from information_schema.table_constraints tc
      join information_schema.key_column_usage k on k.constraint_name = tc.constraint_name and k.table_schema = tc.table_schema
      where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY' order by k.table_name, k.ordinal_position`.execute(
      this.db,
    );
    const fks = await sql<{ child: string; parent: string }>`
      select distinct cl.relname as child, pl.relname as parent from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid join pg_class pl on pl.oid = c.confrelid
      join pg_namespace n on n.oid = cl.relnamespace
      where c.contype = 'f' and n.nspname = 'public'`.execute(this.db);
    const byName = new Map<string, TableInfo>();
    for (const c of cols.rows) {
      if (SKIP.has(c.table_name)) continue;
      const t = byName.get(c.table_name) ?? { name: c.table_name, columns: [], primaryKey: [], dependsOn: [] };
      t.columns.push({ name: c.column_name, type: c.udt_name, identity: c.is_identity === 'YES' });
      byName.set(c.table_name, t);
    }
    for (const k of keys.rows) byName.get(k.table_name)?.primaryKey.push(k.column_name);
    for (const f of fks.rows) if (f.child !== f.parent) byName.get(f.child)?.dependsOn.push(f.parent);
    // Parents before children, so a restore never breaks a foreign key.
    const ordered: TableInfo[] = [];
    const visit = (t: TableInfo, path: Set<string>) => {
      if (ordered.includes(t) || path.has(t.name)) return;
      path.add(t.name);
      for (const p of t.dependsOn) {
        const parent = byName.get(p);
        if (parent) visit(parent, path);
      }
      ordered.push(t);
    };
    for (const t of [...byName.values()].sort((a, b) => a.name.localeCompare(b.name))) visit(t, new Set());
    return ordered;
  }

  private selectList(t: TableInfo) {
    return sql.join(
      t.columns.map((c) =>
        c.type === 'geometry'
          ? sql`encode(ST_AsEWKB(${sql.ref(c.name)}), 'hex') as ${sql.ref(c.name)}`
          : c.type === 'timestamptz' || c.type === 'timestamp'
            ? sql`to_char(${sql.ref(c.name)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ${sql.ref(c.name)}`
            : sql.ref(c.name),
      ),
    );
  }

  /** One page of rows in primary-key order (keyset pages would need typed comparisons; offset is fine here). */
  async page(t: TableInfo, offset: number, limit: number): Promise<Record<string, unknown>[]> {
    const order = t.primaryKey.length ? t.primaryKey : t.columns.map((c) => c.name);
    const { rows } = await sql<Record<string, unknown>>`
      select ${this.selectList(t)} from ${sql.table(t.name)}
      order by ${sql.join(order.map((c) => sql.ref(c)))} limit ${limit} offset ${offset}`.execute(this.db);
    return rows;
  }

  async count(table: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(this.db);
    return rows[0]?.n ?? 0;
  }

  /** Inserts rows as they were exported: geometry from hex EWKB, JSON columns from JSON text. */
  async insert(t: TableInfo, rows: Record<string, unknown>[]): Promise<void> {
    if (!rows.length) return;
    const values = rows.map(
      (r) =>
        sql`(${sql.join(
          t.columns.map((c) => {
            const v = r[c.name] ?? null;
            if (v === null) return sql`null`;
            if (c.type === 'geometry') return sql`ST_GeomFromEWKB(decode(${v as string}, 'hex'))`;
            if (c.type === 'jsonb' || c.type === 'json') return sql`cast(${JSON.stringify(v)} as text)::jsonb`;
            if (c.type.startsWith('_')) return sql`${v}::${sql.raw(`${c.type.slice(1)}[]`)}`;
            return sql`cast(${typeof v === 'object' ? JSON.stringify(v) : String(v)} as ${sql.raw(c.type)})`;
          }),
        )})`,
    );
    await sql`insert into ${sql.table(t.name)} (${sql.join(t.columns.map((c) => sql.ref(c.name)))})
      overriding system value values ${sql.join(values)}`.execute(this.db);
  }

  /** After a restore, identity columns continue after the highest restored id. */
  async resetIdentities(t: TableInfo): Promise<void> {
    for (const c of t.columns.filter((x) => x.identity)) {
      await sql`select setval(pg_get_serial_sequence(${t.name}, ${c.name}),
        greatest(1, coalesce((select max(${sql.ref(c.name)}) from ${sql.table(t.name)}), 0)),
        (select max(${sql.ref(c.name)}) from ${sql.table(t.name)}) is not null)`.execute(this.db);
    }
  }
}

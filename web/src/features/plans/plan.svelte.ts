/**
 * The open plan and its selection: the selection is the plan's item list (opening a plan loads its
 * groups; saving sends them), with a draft per item (priority, rationale, responsible unit, target
 * date), the plan's header, whether it changed since it was saved, the list of plans, and the
 * workflow (save, submit, approve, return, delete). One `reset` for every way back to an empty plan.
 */
import { todayInVietnam } from '../../../../geo/periods.ts';
import { describeError } from '../../shared/api/errors.ts';
import type { Candidate, CandidatesResponse, PlanDetail, PlanSummary } from '../../shared/api/types.ts';
import { lang } from '../../shared/i18n/lang.svelte.ts';
import { createPlan, deletePlan, fetchPlan, fetchPlans, putPlanItems, updatePlan } from './api.ts';
import type { GroupInfo } from './selection.ts';
import {
  defaultResponsible,
  fingerprint,
  fromSaved,
  itemInputs,
  metaChanged,
  nextPriority,
  type ItemDraft,
  type PlanMeta,
} from './items.ts';
import { planActions } from './planRules.ts';
import { rationaleText } from './ranking.ts';
import { addAll, removeAll, summarise, toggle } from './selection.ts';
import { texts } from './texts.ts';

/** What the plan needs from the ranking side: candidates (for default rationales) and group facts. */
export interface PlanContext {
  readonly ranking: CandidatesResponse | null;
  readonly candidateById: ReadonlyMap<number, Candidate>;
  readonly groupInfo: ReadonlyMap<number, GroupInfo>;
  /** A plan was shown (its progress is asked again). */
  shown(): void;
  openTab(): void;
}

function newMeta(): PlanMeta {
  return { name: '', year: Number(todayInVietnam().slice(0, 4)) + 1, description: '' };
}

export class PlanState {
  selection = $state.raw<number[]>([]);
  drafts = $state<Record<number, ItemDraft>>({});
  meta = $state<PlanMeta>(newMeta());
  open = $state.raw<PlanDetail | null>(null);
  private saved = $state(fingerprint(newMeta(), []));
  plans = $state.raw<PlanSummary[] | null>(null);
  plansError = $state.raw<unknown>(null);
  busy = $state(false);
  message = $state<string | null>(null);
  error = $state.raw<unknown>(null);
  note = $state<string | null>(null);
  private ctx: PlanContext | null = null;

  readonly actions: ReturnType<typeof planActions>;
  /** Ticking and drawing change the open plan's items only if the user may edit it. */
  readonly locked: boolean;

  constructor(role: string) {
    this.actions = $derived(planActions(role, this.open?.status ?? null));
    this.locked = $derived(this.open !== null && !this.actions.edit);
  }

  attach(ctx: PlanContext): void {
    this.ctx = ctx;
  }

  readonly dirty = $derived(fingerprint(this.meta, itemInputs(this.selection, this.drafts)) !== this.saved);

  summary(info: ReadonlyMap<number, GroupInfo>) {
    return summarise(this.selection, info);
  }

  /** Back to an empty plan: nothing selected, a blank header, nothing unsaved. */
  private reset(keepSelection = false): void {
    this.open = null;
    if (!keepSelection) {
      this.selection = [];
      this.drafts = {};
    }
    this.meta = newMeta();
    this.saved = fingerprint(this.meta, []);
    this.error = null;
    this.message = null;
  }

  private draftFor(id: number, priority: number): ItemDraft {
    const ctx = this.ctx;
    const c = ctx?.candidateById.get(id);
    const g = ctx?.groupInfo.get(id);
    const ranking = ctx?.ranking;
    return {
      priority,
      rationale:
        c && ranking
          ? rationaleText(
              c,
              { scored: ranking.scored, method: ranking.method, from: ranking.from, to: ranking.to },
              ranking.indicators,
              lang.current,
            )
          : '',
      responsibleUnit: defaultResponsible(g?.wardName),
      targetDate: `${this.meta.year}-12-31`,
    };
  }

  private addGroups(ids: readonly number[]): number[] {
    const { selection: next, added } = addAll(this.selection, ids);
    if (added.length === 0) return added;
    let priority = nextPriority(this.drafts, this.selection);
    const more: Record<number, ItemDraft> = {};
    for (const id of added) more[id] = this.drafts[id] ?? this.draftFor(id, priority++);
    this.drafts = { ...this.drafts, ...more };
    this.selection = next;
    return added;
  }

  toggle(id: number): void {
    if (this.locked) return;
    if (this.selection.includes(id)) this.selection = toggle(this.selection, id);
    else this.addGroups([id]);
    this.note = null;
  }

  /** Adds groups drawn on the map or the top candidates, and says how many were new. */
  add(ids: number[]): void {
    if (this.locked) return;
    this.note = texts.t.added(this.addGroups(ids).length);
  }

  remove(id: number): void {
    if (!this.locked) this.selection = removeAll(this.selection, [id]);
  }

  clear(): void {
    if (this.locked) return;
    this.selection = [];
    this.note = null;
  }

  async loadPlans(): Promise<void> {
    try {
      this.plans = await fetchPlans();
      this.plansError = null;
    } catch (err) {
      this.plansError = err;
    }
  }

  private show(plan: PlanDetail): void {
    this.open = plan;
    this.meta = { name: plan.name, year: plan.year, description: plan.description };
    const loaded = fromSaved(plan.items);
    this.selection = loaded.selection;
    this.drafts = loaded.drafts;
    this.saved = fingerprint(this.meta, itemInputs(this.selection, this.drafts));
    this.ctx?.shown();
  }

  /** Unsaved edits are not dropped without asking. */
  private mayDiscard(): boolean {
    const unsaved = this.dirty && this.actions.edit && (this.open !== null || this.selection.length > 0);
    return !unsaved || window.confirm(texts.t.discard);
  }

  async openById(id: number, switchTab = true): Promise<void> {
    if (this.open?.id !== id && !this.mayDiscard()) return;
    await this.run(async () => {
      this.show(await fetchPlan(id));
      if (switchTab) this.ctx?.openTab();
    });
  }

  /** Back to a free selection, nothing open. */
  close(): void {
    if (this.mayDiscard()) this.reset();
  }

  startNew(): void {
    if (this.open && !this.mayDiscard()) return;
    // A free selection becomes the new plan's items; an open plan's do not.
    this.reset(this.open === null);
    this.ctx?.openTab();
  }

  async save(): Promise<void> {
    const before = this.open;
    const meta = { name: this.meta.name.trim(), year: this.meta.year, description: this.meta.description.trim() };
    await this.run(async () => {
      const items = itemInputs(this.selection, this.drafts);
      let current: PlanDetail;
      let itemsNeeded = true;
      if (!before) {
        current = await createPlan(meta);
        // Saved so far: a retry after a failure below only re-sends the items.
        this.open = current;
        this.saved = fingerprint(this.meta, []);
        itemsNeeded = items.length > 0;
      } else {
        current = before;
        const was = fromSaved(before.items);
        itemsNeeded = fingerprint(this.meta, items) !== fingerprint(this.meta, itemInputs(was.selection, was.drafts));
        if (metaChanged(this.meta, { name: before.name, year: before.year, description: before.description })) {
          current = await updatePlan(before.id, meta);
        }
      }
      if (itemsNeeded) current = await putPlanItems(current.id, items);
      this.show(current);
      this.message = before && current.id !== before.id ? texts.t.revisionCreated(current.revision) : texts.t.saved;
    }, true);
  }

  /** A workflow step (submit, approve, return): the plan as it answers, and what happened. */
  async act(step: (id: number) => Promise<PlanDetail>, done: string): Promise<void> {
    const open = this.open;
    if (!open) return;
    await this.run(async () => {
      this.show(await step(open.id));
      this.message = done;
    }, true);
  }

  async delete(): Promise<void> {
    const open = this.open;
    if (!open) return;
    await this.run(async () => {
      await deletePlan(open.id);
      this.reset();
      this.message = texts.t.deleted;
    }, true);
  }

  /** Runs a request with the busy flag and the error shown; reloads the list after a write. */
  private async run(task: () => Promise<void>, wrote = false): Promise<void> {
    this.busy = true;
    this.error = null;
    this.message = null;
    try {
      await task();
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
      if (wrote) void this.loadPlans();
    }
  }

  errorText(err: unknown): string | null {
    return err === null ? null : describeError(err);
  }
}

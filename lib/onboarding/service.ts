import "server-only";
import type { Db } from "@/lib/db/client";
import type { OnboardingAssignment, OnboardingFlow, StepCompleter, Workspace } from "@/lib/db/schema";
import type { EventRow } from "@/lib/db/schema/events";
import { AppError, notFound, parseInput, type FieldError } from "@/lib/core/errors";
import { newId } from "@/lib/core/ids";
import { env } from "@/lib/core/env";
import { systemClock, type Clock } from "@/lib/core/clock";
import { isUniqueViolation } from "@/lib/db/rows";
import { recordAudit, type Actor } from "@/lib/audit/service";
import { emit } from "@/lib/events/service";
import { lockActiveProfile, requireActiveProfile } from "@/lib/profiles/lookup";
import { applyPersonaDefaults } from "@/lib/preferences/service";
import { advanceStage } from "@/lib/lifecycle/service";
import { requireWorkspace } from "@/lib/workspaces/service";
import { loadVocabulary } from "@/lib/rules/service";
import { loadProfileFacts } from "@/lib/rules/facts";
import { evaluateRule, type RuleContext, type RuleFacts, type TraceEntry } from "@/lib/rules/evaluate";
import { validateRule, type RuleVocabulary } from "@/lib/rules/validate";
import { withheldReason } from "@/lib/bundles/rank";
import * as q from "./queries";
import { flowInput, type ChecklistView, type FlowData, type FlowStep, type OnboardingView, type StepView } from "./schemas";
import { renderStepBody } from "./markdown";
import { CHECKLIST_LINK_DAYS, CHECKLIST_PREVIEW_MINUTES, createChecklistPreviewToken, createChecklistToken } from "./links";

export async function listFlows(db: Db, workspaceId: string, opts: { includeArchived?: boolean } = {}): Promise<OnboardingFlow[]> {
  return q.listFlowRows(db, { workspaceId, ...opts });
}

export async function getFlow(db: Db, workspaceId: string, key: string): Promise<OnboardingFlow> {
  const row = await q.findFlowByKey(db, { workspaceId, key });
  if (!row) throw notFound("Onboarding flow");
  return row;
}

function flowProblems(data: FlowData, vocab: RuleVocabulary): FieldError[] {
  const errors: FieldError[] = [];
  if (data.audience) errors.push(...validateRule(data.audience, vocab, "profile", "audience"));
  for (const [topic, byChannel] of Object.entries(data.defaults)) {
    const known = vocab.topics[topic];
    if (!known) {
      errors.push({ path: `defaults.${topic}`, message: `Unknown topic "${topic}"` });
      continue;
    }
    for (const [channel, value] of Object.entries(byChannel)) {
      if (!known.channels.includes(channel as never)) errors.push({ path: `defaults.${topic}.${channel}`, message: `${topic} is not offered on ${channel}` });
      else if (value?.frequency && known.frequencies && !known.frequencies.includes(value.frequency)) {
        errors.push({ path: `defaults.${topic}.${channel}.frequency`, message: `${topic} is not sent ${value.frequency}` });
      }
    }
  }
  return errors;
}

async function checkFlow(db: Db, workspaceId: string, input: unknown): Promise<FlowData> {
  const data = parseInput(flowInput, input);
  const errors = flowProblems(data, (await loadVocabulary(db, workspaceId)).rule);
  if (errors.length) throw new AppError("validation_failed", `${errors[0]!.path}: ${errors[0]!.message}`, { fields: errors });
  return data;
}

const keyTaken = (key: string) => new AppError("conflict", `A flow with the key ${key} exists`, { fields: [{ path: "key", message: "This key is taken" }] });

export async function createFlow(db: Db, workspaceId: string, input: unknown, actor: Actor, clock: Clock = systemClock): Promise<OnboardingFlow> {
  const data = await checkFlow(db, workspaceId, input);
  try {
    return await db.transaction(async (tx) => {
      const now = clock.now();
      const row = await q.insertFlowRow(tx, { id: newId("flow"), workspaceId, ...data, createdAt: now, updatedAt: now });
      await recordAudit(tx, workspaceId, actor, { action: "flow.created", targetType: "onboarding_flow", targetId: row.id, after: { key: row.key, steps: row.steps.length } });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw keyTaken(data.key);
    throw err;
  }
}

/** Replace a flow's definition. Progress is kept by step key; steps that are gone simply stop counting. */
export async function updateFlow(db: Db, workspaceId: string, key: string, input: unknown, actor: Actor, clock: Clock = systemClock): Promise<OnboardingFlow> {
  const before = await getFlow(db, workspaceId, key);
  const data = await checkFlow(db, workspaceId, input);
  try {
    return await db.transaction(async (tx) => {
      const row = await q.updateFlowRow(tx, { workspaceId, id: before.id, set: { ...data, updatedAt: clock.now() } });
      await recordAudit(tx, workspaceId, actor, { action: "flow.updated", targetType: "onboarding_flow", targetId: before.id, before: { key: before.key, steps: before.steps.length }, after: { key: data.key, steps: data.steps.length } });
      return row!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw keyTaken(data.key);
    throw err;
  }
}

export async function setFlowArchived(db: Db, workspaceId: string, key: string, archived: boolean, actor: Actor, clock: Clock = systemClock): Promise<void> {
  const before = await getFlow(db, workspaceId, key);
  await db.transaction(async (tx) => {
    await q.updateFlowRow(tx, { workspaceId, id: before.id, set: { archivedAt: archived ? clock.now() : null, updatedAt: clock.now() } });
    await recordAudit(tx, workspaceId, actor, { action: archived ? "flow.archived" : "flow.restored", targetType: "onboarding_flow", targetId: before.id });
  });
}

export interface FlowChoice {
  flow: OnboardingFlow;
  /** The audience's deciding facts; null for the generic flow. */
  trace: TraceEntry[] | null;
  /** Set when consent hid traits an audience needed and the generic flow was chosen instead. */
  fallback: { reason: string; withheld: { trait: string; purpose: string }[] } | null;
}

/**
 * The flow for a profile's facts: the first live persona flow (by position) whose audience holds;
 * otherwise the generic flow — saying why when consent hid traits an audience needed. Null when
 * nothing fits and there is no generic flow.
 */
export function chooseFlow(flows: readonly OnboardingFlow[], facts: RuleFacts, vocab: RuleVocabulary): FlowChoice | null {
  const hidden = new Map<string, { trait: string; purpose: string }>();
  for (const flow of flows) {
    if (flow.generic || flow.archivedAt) continue;
    const ev = flow.audience ? evaluateRule(flow.audience, facts) : { result: true, trace: [], withheld: [] };
    for (const w of ev.withheld) hidden.set(w.trait, w);
    if (ev.result) return { flow, trace: ev.trace, fallback: null };
  }
  const generic = flows.find((f) => f.generic && !f.archivedAt);
  if (!generic) return null;
  const withheld = [...hidden.values()];
  return { flow: generic, trace: null, fallback: withheld.length ? { reason: withheldReason(withheld, vocab), withheld } : null };
}

/** Event types the open event-completed steps of a flow wait for. */
function waitingEvents(steps: FlowStep[], done: OnboardingAssignment["completedSteps"]): string[] {
  return [...new Set(steps.filter((s) => !done[s.key] && s.completion.includes("event") && s.event).map((s) => s.event!.type))];
}

/**
 * Assign a flow to a locked profile inside the caller's transaction: the flow becomes the
 * profile's current one (progress on it is kept if it had it before), its persona defaults fill
 * the preferences the person has not chosen, and the lifecycle moves on to onboarding.
 */
export async function assignFlow(tx: Db, workspaceId: string, profileId: string, flow: OnboardingFlow, source: string, clock: Clock): Promise<OnboardingAssignment> {
  const now = clock.now();
  // Defaults first: their own `preferences.updated` must not complete a step waiting for the person's.
  if (Object.keys(flow.defaults).length) {
    try {
      await applyPersonaDefaults(tx, workspaceId, profileId, flow.defaults, `onboarding:${flow.key}`, { clock, consent: { collectionPoint: `onboarding:${flow.key}` } });
    } catch (err) {
      // Defaults that no longer fit the topics (changed since the flow was saved) must not fail the quiz that assigned the flow.
      if (!(err instanceof AppError && err.code === "validation_failed")) throw err;
      console.error(`[onboarding] persona defaults of ${flow.key} no longer apply: ${err.message}`);
    }
  }
  const existing = (await q.listAssignments(tx, { workspaceId, profileId, forUpdate: true })).find((a) => a.flowId === flow.id);
  const assignment = existing
    ? (await q.updateAssignment(tx, { workspaceId, id: existing.id, set: { assignedAt: now, source } }))!
    : await q.insertAssignment(tx, {
        id: newId("onboarding"),
        workspaceId,
        profileId,
        flowId: flow.id,
        source,
        completedSteps: {},
        waitingEvents: waitingEvents(flow.steps, {}),
        assignedAt: now,
        lastProgressAt: now,
      });
  if (!assignment.completedAt) await advanceStage(tx, workspaceId, profileId, "onboarding", `onboarding:${flow.key}`, now);
  return assignment;
}

/**
 * Choose and assign the flow for a profile now (the API, or after a quiz). Keeps the current
 * flow when the choice has not changed. Returns the choice, or null when the workspace has no
 * flow for this profile.
 */
export async function assignForProfile(
  tx: Db,
  workspaceId: string,
  profileId: string,
  opts: { source: string; context?: RuleContext; clock?: Clock; flowKey?: string },
): Promise<FlowChoice | null> {
  const clock = opts.clock ?? systemClock;
  await lockActiveProfile(tx, workspaceId, profileId);
  let choice: FlowChoice | null;
  if (opts.flowKey) {
    const flow = await getFlow(tx, workspaceId, opts.flowKey);
    if (flow.archivedAt) throw new AppError("validation_failed", "flow: this flow is archived", { fields: [{ path: "flow", message: "This flow is archived" }] });
    choice = { flow, trace: null, fallback: null };
  } else {
    const [flows, vocab, facts] = await Promise.all([listFlows(tx, workspaceId), loadVocabulary(tx, workspaceId), loadProfileFacts(tx, workspaceId, profileId, { context: opts.context })]);
    choice = chooseFlow(flows, facts, vocab.rule);
  }
  if (choice) await assignFlow(tx, workspaceId, profileId, choice.flow, opts.source, clock);
  return choice;
}

/** The hosted checklist's address for a profile, signed and valid for 90 days. */
export function checklistUrl(ws: Pick<Workspace, "id" | "slug" | "linkSecret">, profileId: string, clock: Clock = systemClock): string {
  const token = createChecklistToken(ws.linkSecret, { workspaceId: ws.id, profileId, expiresAt: new Date(clock.now().getTime() + CHECKLIST_LINK_DAYS * 86_400_000) });
  return `${env().APP_URL}/o/${encodeURIComponent(ws.slug)}?t=${token}`;
}

/** A token for the dashboard's live preview of the checklist embed: one flow's steps, valid for an hour. */
export function checklistPreviewToken(ws: Pick<Workspace, "id" | "linkSecret">, flowKey: string, clock: Clock = systemClock): string {
  return createChecklistPreviewToken(ws.linkSecret, { workspaceId: ws.id, flowKey, expiresAt: new Date(clock.now().getTime() + CHECKLIST_PREVIEW_MINUTES * 60_000) });
}

function stepViews(flow: OnboardingFlow, completedSteps: OnboardingAssignment["completedSteps"]): StepView[] {
  return flow.steps.map((s) => ({
    key: s.key,
    title: s.title,
    bodyHtml: renderStepBody(s.body),
    cta: s.cta,
    completion: s.completion,
    completed: completedSteps[s.key] ?? null,
  }));
}

/** A flow as a person would first see it, nothing ticked off: the dashboard's preview, no profile involved. */
export async function sampleChecklist(db: Db, workspaceId: string, flowKey: string): Promise<ChecklistView> {
  const flow = await getFlow(db, workspaceId, flowKey);
  const steps = stepViews(flow, {});
  return { flow: { key: flow.key, name: flow.name, description: flow.description }, steps, progress: { done: 0, total: steps.length }, completedAt: null };
}

function toView(ws: Workspace, flow: OnboardingFlow, a: OnboardingAssignment, clock: Clock): OnboardingView {
  const steps = stepViews(flow, a.completedSteps);
  return {
    flow: { key: flow.key, name: flow.name, description: flow.description },
    steps,
    progress: { done: steps.filter((s) => s.completed).length, total: steps.length },
    assignedAt: a.assignedAt,
    lastProgressAt: a.lastProgressAt,
    completedAt: a.completedAt,
    checklistUrl: checklistUrl(ws, a.profileId, clock),
  };
}

/** A profile's current onboarding (its newest assignment), or null when it has none. */
export async function getOnboarding(db: Db, workspaceId: string, profileId: string, clock: Clock = systemClock): Promise<OnboardingView | null> {
  const profile = await requireActiveProfile(db, workspaceId, profileId);
  const [current] = await q.listAssignments(db, { workspaceId, profileId: profile.id });
  if (!current) return null;
  const [[flow], ws] = await Promise.all([q.findFlowsById(db, { workspaceId, ids: [current.flowId] }), requireWorkspace(db, workspaceId)]);
  return flow ? toView(ws, flow, current, clock) : null;
}

/**
 * Mark a step done on the profile's current flow (or the named one), inside the caller's
 * transaction. The step must allow `by`. Emits `onboarding.step_completed`; the last step also
 * completes the flow (`onboarding.completed`) and moves the lifecycle to retention. A step that
 * is already done changes and emits nothing.
 */
async function completeStepIn(
  tx: Db,
  workspaceId: string,
  profileId: string,
  p: { step: string; by: StepCompleter; flowKey?: string },
  now: Date,
): Promise<{ changed: boolean; completedFlow: boolean }> {
  const assignments = await q.listAssignments(tx, { workspaceId, profileId, forUpdate: true });
  const flows = await q.findFlowsById(tx, { workspaceId, ids: assignments.map((a) => a.flowId) });
  const assignment = p.flowKey ? assignments.find((a) => flows.find((f) => f.id === a.flowId)?.key === p.flowKey) : assignments[0];
  if (!assignment) throw notFound(p.flowKey ? "Onboarding flow for this profile" : "Onboarding for this profile");
  const flow = flows.find((f) => f.id === assignment.flowId)!;
  const step = flow.steps.find((s) => s.key === p.step);
  if (!step) throw notFound("Step");
  if (p.by !== "admin" && !step.completion.includes(p.by)) {
    throw new AppError("forbidden", `This step is completed by ${step.completion.join(" or ")}, not by ${p.by}`);
  }
  if (assignment.completedSteps[step.key]) return { changed: false, completedFlow: false };
  const completedSteps = { ...assignment.completedSteps, [step.key]: { at: now.toISOString(), by: p.by } };
  const finished = !assignment.completedAt && flow.steps.every((s) => completedSteps[s.key]);
  await q.updateAssignment(tx, {
    workspaceId,
    id: assignment.id,
    set: { completedSteps, waitingEvents: waitingEvents(flow.steps, completedSteps), lastProgressAt: now, stalledAt: null, ...(finished ? { completedAt: now } : {}) },
  });
  await emit(tx, workspaceId, "onboarding.step_completed", { profileId, flow: flow.key, step: step.key, by: p.by, progress: { done: flow.steps.filter((s) => completedSteps[s.key]).length, total: flow.steps.length } });
  if (finished) {
    await emit(tx, workspaceId, "onboarding.completed", { profileId, flow: flow.key });
    await advanceStage(tx, workspaceId, profileId, "retention", `onboarding:${flow.key}`, now);
  }
  return { changed: true, completedFlow: finished };
}

/** Complete a step by the API, the person (hosted checklist) or an admin. */
export async function completeStep(
  db: Db,
  workspaceId: string,
  profileId: string,
  p: { step: string; by: StepCompleter; flowKey?: string },
  clock: Clock = systemClock,
): Promise<OnboardingView> {
  await db.transaction(async (tx) => {
    await lockActiveProfile(tx, workspaceId, profileId);
    await completeStepIn(tx, workspaceId, profileId, p, clock.now());
  });
  return (await getOnboarding(db, workspaceId, profileId, clock))!;
}

function eventMatches(step: FlowStep, event: Pick<EventRow, "type" | "data">): boolean {
  if (!step.event || step.event.type !== event.type) return false;
  return Object.entries(step.event.match).every(([k, v]) => event.data[k] === v);
}

/**
 * Complete the event-completed steps the queued events satisfy. Events were queued by a trigger
 * in their own transaction, so none is missed; each is handled once (taken off the queue in the
 * same transaction as the steps it completes). Returns how many events were handled.
 */
export async function processOnboardingInbox(db: Db, opts: { limit?: number; clock?: Clock } = {}): Promise<number> {
  const clock = opts.clock ?? systemClock;
  return db.transaction(async (tx) => {
    const taken = await q.takeInbox(tx, { limit: opts.limit ?? 100 });
    for (const event of taken) {
      if (!event.subjectId) continue;
      try {
        // A savepoint per event: one that cannot apply (profile erased meanwhile) does not undo the others.
        await tx.transaction(async (sp) => {
          const assignments = (await q.listAssignments(sp, { workspaceId: event.workspaceId, profileId: event.subjectId! })).filter((a) => !a.completedAt && a.waitingEvents.includes(event.type));
          if (!assignments.length) return;
          await lockActiveProfile(sp, event.workspaceId, event.subjectId!);
          const flows = await q.findFlowsById(sp, { workspaceId: event.workspaceId, ids: assignments.map((a) => a.flowId) });
          for (const a of assignments) {
            const flow = flows.find((f) => f.id === a.flowId);
            for (const step of flow?.steps ?? []) {
              if (a.completedSteps[step.key] || !step.completion.includes("event") || !eventMatches(step, event)) continue;
              await completeStepIn(sp, event.workspaceId, event.subjectId!, { step: step.key, by: "event", flowKey: flow!.key }, clock.now());
            }
          }
        });
      } catch (err) {
        console.error(`[onboarding] event ${event.id} could not complete its steps`, err);
      }
    }
    return taken.length;
  });
}

/**
 * Emit `onboarding.stalled` for every open assignment that made no progress for its flow's
 * `stallAfterDays`, once per idle stretch (progress re-arms it). Returns how many were nudged.
 */
export async function emitStalledOnboarding(db: Db, opts: { clock?: Clock; batch?: number } = {}): Promise<number> {
  const clock = opts.clock ?? systemClock;
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const now = clock.now();
      const rows = await q.claimStalled(tx, { now, limit: opts.batch ?? 200 });
      for (const { assignment: a, flowKey } of rows) {
        const idleDays = Math.floor((now.getTime() - a.lastProgressAt.getTime()) / 86_400_000);
        await q.updateAssignment(tx, { workspaceId: a.workspaceId, id: a.id, set: { stalledAt: now } });
        await emit(tx, a.workspaceId, "onboarding.stalled", { profileId: a.profileId, flow: flowKey, idleDays, lastProgressAt: a.lastProgressAt.toISOString() });
      }
      return rows.length;
    });
    total += n;
    if (n < (opts.batch ?? 200)) return total;
  }
}

/** What a flow assignment looks like in a quiz outcome. */
export function outcomeFlow(ws: Workspace, flow: OnboardingFlow, profileId: string, clock: Clock) {
  return { key: flow.key, name: flow.name, url: checklistUrl(ws, profileId, clock), steps: flow.steps.map((s) => ({ key: s.key, title: s.title })) };
}

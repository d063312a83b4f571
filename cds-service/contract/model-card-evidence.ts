/**
 * The evaluation figures the live model card shows: written by `npm run eval -- --json` to
 * `governance/model-card/evaluation.json`, read by the service at start. Nothing in it is typed
 * by hand.
 */
import { z } from 'zod';

const Rate = z.number().min(0).max(1);

const RecoveryFigures = z.object({
  cases: z.number().int().nonnegative(),
  top1: Rate,
  top5: Rate,
  mrr: Rate,
  /** Flags raised for a condition the record does not support; null without such controls. */
  falseFlagRate: Rate.nullable(),
});

export const ModelCardEvidence = z.object({
  generatedAt: z.iso.datetime(),
  engineVersion: z.string().min(1),
  knowledgeBaseVersion: z.string().min(1),
  /** Synthetic fixture patients evaluated. */
  patients: z.number().int().positive(),
  completenessRate: Rate,
  groundingRate: Rate,
  /** Hide-and-recover on the labs+meds tier: cases still traceable to a finding, and all cases. */
  hideAndRecover: z.object({ traceable: RecoveryFigures, all: RecoveryFigures }),
  /** The traceable hide-and-recover figures by the patient's sex and age band. */
  subgroups: z.array(
    z.object({
      group: z.string().min(1),
      cases: z.number().int().nonnegative(),
      top1: Rate,
      top5: Rate,
    }),
  ),
  /** The safety suite: constructed records, each with a control that must stay quiet. */
  safety: z.array(
    z.object({
      family: z.string().min(1),
      cases: z.number().int().positive(),
      sensitivity: Rate,
      falseFlagRate: Rate,
    }),
  ),
});
export type ModelCardEvidence = z.infer<typeof ModelCardEvidence>;

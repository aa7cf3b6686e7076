import type { BrowserDriver } from '../drivers/browser-driver.js';

/** Why a step's selector could not be used as written. */
export type LocatorProblem = 'not_found' | 'ambiguous' | 'hidden';

export type HealingDecision = 'applied' | 'proposed' | 'manual_review' | 'failed';

export type SelectorKind = 'test-id' | 'id' | 'role' | 'label' | 'text' | 'css';

export interface SelectorCandidate {
  selector: string;
  kind: SelectorKind;
  /** Matches exactly one element. */
  unique: boolean;
  visible: boolean;
  confidence: number;
}

export interface HealingRequest {
  driver: BrowserDriver;
  /** The target in words, as the flow says it: "the Sign In button". */
  description: string;
  /** The selector that failed, if the step had one. */
  selector: string | undefined;
  problem: LocatorProblem;
  /** Where the before/after screenshots go (the interactions folder of the flow run). */
  evidenceDir: string;
  flow: string;
  step: number;
}

/** One attempt to heal a locator, kept for review whatever its outcome. */
export interface HealingEvent {
  id: string;
  flow: string;
  step: number;
  description: string;
  old_selector: string | null;
  new_selector: string | null;
  problem: LocatorProblem;
  /** How the element was found on screen: OCR text match (local) or a vision model. */
  method: 'ocr' | 'model' | 'none';
  confidence: number;
  decision: HealingDecision;
  candidates: SelectorCandidate[];
  before_screenshot: string;
  after_screenshot: string | null;
  created_at: string;
  /** A person's verdict on it (vaider_review_healing). */
  review: 'pending' | 'approved' | 'rejected';
}

/** Thresholds of the source, configurable: ≥ apply applies, ≥ propose proposes, ≥ review lists for review, else fails. */
export interface HealingThresholds {
  apply: number;
  propose: number;
  review: number;
}

/** What `vaider init` did to one file. */
export type SetupAction = 'created' | 'updated' | 'unchanged' | 'skipped';

export interface InitFileResult {
  /** Relative to the target folder, with forward slashes. */
  readonly file: string;
  readonly action: SetupAction;
  /** Where --force kept the previous content before replacing it. */
  readonly backup?: string;
}

/** A decision about one file, made before anything is written. */
export interface FilePlan {
  readonly file: string;
  readonly action: SetupAction;
  /** The new content, when the action writes. */
  readonly content?: string;
  /** Copy the existing file to `<file>.bak` first: --force is about to replace something the user wrote. */
  readonly backup: boolean;
}

/** A task's check-in location: centre, radius and the token printed in its QR code. */
export interface TaskLocation {
  lat: number;
  lng: number;
  radiusM: number;
  qrToken?: string;
}

/**
 * What the server supplies to component validators. Absent in the browser:
 * checks that need it (file ownership, dictionaries, the task's location)
 * are then skipped, everything else runs identically on both sides.
 */
export interface ServerValidationContext {
  /** True when the file exists and belongs to the submitter's organisation (tenant scope). */
  fileOwnedBySubmitter(fileId: string): Promise<boolean>;
  /** True when `value` is a member of the remote dictionary `dictionaryKey`. */
  dictionaryHas(dictionaryKey: string, value: unknown): Promise<boolean> | boolean;
  /** Server-side facts about a stored file (preferred over the client's claims in the file reference). */
  fileInfo?(fileId: string): Promise<{ mime: string; size: number } | undefined>;
  /** Where the task being filled must be checked in. */
  taskLocation?: TaskLocation;
  /** The current time (a clock port, for tests). */
  now(): Date;
}

import type { Ref } from 'vue';
import type { SectionProgress } from './sectionProgress';

/** Injection key: section key → its progress (provided by SafeForm). */
export const SECTION_PROGRESS = Symbol('safeflow.sectionProgress');

/** What SafeForm provides under {@link SECTION_PROGRESS}. */
export type SectionProgressMap = Ref<Map<string, SectionProgress>>;

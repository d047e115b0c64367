import type { TaskType } from '@/studio/processes/processApi';

/** The task type's name in the UI language (the catalogue's), or the topic itself when the catalogue does not know it. */
export function taskTypeName(types: TaskType[], topic: string, locale: string): string {
  const tt = types.find((x) => x.topic === topic);
  return tt ? (locale === 'en' ? tt.name.en : tt.name['zh-CN']) : topic;
}

/** Task types a patrol stop can run: those whose config reads the camera from a variable (`cameraVariable`). */
export function patrolTaskTypes(types: TaskType[]): TaskType[] {
  return types.filter((x) => !!x.configSchema.properties?.cameraVariable);
}

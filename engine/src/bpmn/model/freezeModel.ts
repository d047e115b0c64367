/**
 * Deep-freezes the plain objects and arrays of a parsed model so that one
 * definition shared by every instance cannot be changed by accident. Maps and
 * Sets are left as they are (freezing does not protect their contents).
 */
export function freezeModel<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value) || value instanceof Map || value instanceof Set) return value;
  Object.freeze(value);
  for (const v of Object.values(value as object)) freezeModel(v);
  return value;
}

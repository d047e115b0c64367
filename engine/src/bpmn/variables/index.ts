export { toTypedValue } from './toTypedValue';
export { fromTypedValue } from './fromTypedValue';

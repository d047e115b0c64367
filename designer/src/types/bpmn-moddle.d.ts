/** The part of bpmn-moddle the designer's tests use (the package ships no types). */
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string): Promise<{ rootElement: unknown; elementsById: Record<string, unknown>; warnings: Array<{ message: string }> }>;
    toXML(element: unknown, opts?: { format?: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): unknown;
  }
}

/**
 * bpmn-moddle 10 ships generated element types under `bpmn-moddle/types` but
 * no declaration for its entry point (its `exports` map has no `types` for
 * "."). This declares the part SafeFlow uses.
 */
declare module 'bpmn-moddle' {
  export interface ModdleWarning {
    message: string;
    element?: unknown;
    property?: string;
    value?: unknown;
    error?: unknown;
  }

  export interface ParseResult {
    rootElement: unknown;
    references: unknown[];
    warnings: ModdleWarning[];
    elementsById: Record<string, unknown>;
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string, options?: Record<string, unknown>): Promise<ParseResult>;
    fromXML(xml: string, options?: Record<string, unknown>): Promise<ParseResult>;
  }
}

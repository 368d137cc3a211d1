/**
 * The small tree a JUEL expression is parsed into. Plain data: the evaluator walks it; nothing is
 * ever turned back into code. `position` is the offset of the node's operator or first character
 * in the full expression text.
 */
export type JuelBinaryOperator = '*' | '/' | '%' | '+' | '-' | '<' | '>' | '<=' | '>=' | '==' | '!=' | '&&' | '||';
export type JuelUnaryOperator = '!' | '-' | 'empty';

export type JuelNode =
  | { readonly kind: 'literal'; readonly value: null | boolean | number | string; readonly position: number }
  | { readonly kind: 'identifier'; readonly name: string; readonly position: number }
  /** `a.b` (property is a string literal node) or `a[expr]`. */
  | { readonly kind: 'member'; readonly object: JuelNode; readonly property: JuelNode; readonly position: number }
  | { readonly kind: 'unary'; readonly operator: JuelUnaryOperator; readonly operand: JuelNode; readonly position: number }
  | {
      readonly kind: 'binary';
      readonly operator: JuelBinaryOperator;
      readonly left: JuelNode;
      readonly right: JuelNode;
      readonly position: number;
    }
  | {
      readonly kind: 'conditional';
      readonly test: JuelNode;
      readonly consequent: JuelNode;
      readonly alternate: JuelNode;
      readonly position: number;
    };

/** A composite text: literal pieces and `${...}` expressions, in order. */
export type JuelTemplatePart = { readonly text: string } | { readonly node: JuelNode };

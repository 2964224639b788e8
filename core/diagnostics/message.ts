// Typed message templates: msg`Unknown stage \`${"name"}\`.` knows it needs a `name` parameter.
// A leaf module (imports nothing) so that grammar/ may use the registry too.

export interface MessageTemplate<P extends string = string> {
  readonly parts: readonly string[];
  readonly params: readonly P[];
}

/** Tagged template that records the parameter names, so a missing parameter fails to compile. */
export function msg<const P extends string[]>(
  strings: TemplateStringsArray,
  ...params: P
): MessageTemplate<P[number]> {
  return { parts: [...strings], params };
}

/** Fills a template's parameters. */
export function formatTemplate<P extends string>(
  template: MessageTemplate<P>,
  values: Record<P, string | number>,
): string {
  let out = template.parts[0];
  template.params.forEach((name, i) => {
    const value = String(values[name]);
    let after = template.parts[i + 1];
    // A value that ends its own sentence ("did you mean `email`?") takes no second full stop.
    if (after.startsWith(".") && /[.?!]$/.test(value)) after = after.slice(1);
    out += value + after;
  });
  return out;
}

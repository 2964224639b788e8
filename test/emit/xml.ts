// Test helpers for SVG output: a small, strict XML well-formedness check (balanced elements, one
// root, quoted attributes, no raw `<` or stray `&` in text), entity decoding, and the text of each
// Graphviz node. The browser test parses the same SVG with a real XML parser (DOMParser).

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
const NAME = /[A-Za-z_:][\w:.-]*/y;

/** Checks `&` in text or an attribute value: each must start a predefined or numeric entity. */
function checkAmpersands(text: string, where: string, problems: string[]): void {
  for (let i = text.indexOf("&"); i >= 0; i = text.indexOf("&", i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(text))
      problems.push(`${where}: bare & in ${JSON.stringify(text.slice(i, i + 20))}`);
  }
}

/**
 * Finds well-formedness problems in an XML document.
 * @param xml the document
 * @returns one message per problem; empty when well-formed
 */
export function checkXml(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < xml.length && problems.length < 20) {
    const lt = xml.indexOf("<", i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.includes("]]>")) problems.push("]]> in text");
    checkAmpersands(text, "text", problems);
    if (!stack.length && text.trim())
      problems.push(`text outside the root: ${JSON.stringify(text.trim().slice(0, 40))}`);
    if (lt < 0) break;
    if (xml.startsWith("<?", lt)) {
      const end = xml.indexOf("?>", lt);
      if (end < 0) problems.push("unterminated processing instruction");
      i = end < 0 ? xml.length : end + 2;
    } else if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt + 4);
      if (end < 0) problems.push("unterminated comment");
      else if (xml.slice(lt + 4, end).includes("--")) problems.push("-- inside a comment");
      i = end < 0 ? xml.length : end + 3;
    } else if (xml.startsWith("<!DOCTYPE", lt)) {
      if (roots || stack.length) problems.push("doctype after the root");
      const end = xml.indexOf(">", lt);
      if (xml.slice(lt, end).includes("["))
        problems.push("internal doctype subsets are not expected");
      i = end + 1;
    } else if (xml.startsWith("</", lt)) {
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(xml)?.[0];
      const end = xml.indexOf(">", lt);
      if (!name || xml.slice(NAME.lastIndex, end).trim()) problems.push(`bad end tag at ${lt}`);
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}>`);
      i = end + 1;
    } else {
      NAME.lastIndex = lt + 1;
      const name = NAME.exec(xml)?.[0];
      if (!name) {
        problems.push(`raw < in text at ${lt}`);
        i = lt + 1;
        continue;
      }
      let j = NAME.lastIndex;
      const seen = new Set<string>();
      for (;;) {
        const ws = /\s*/y;
        ws.lastIndex = j;
        ws.exec(xml);
        j = ws.lastIndex;
        if (xml.startsWith("/>", j) || xml[j] === ">") break;
        NAME.lastIndex = j;
        const attr = NAME.exec(xml)?.[0];
        const eq = /\s*=\s*(["'])/y;
        eq.lastIndex = NAME.lastIndex;
        const quote = attr ? eq.exec(xml)?.[1] : undefined;
        if (!attr || !quote || j === NAME.lastIndex) {
          problems.push(`bad attribute in <${name}> at ${j}`);
          j = xml.indexOf(">", j);
          break;
        }
        if (seen.has(attr)) problems.push(`duplicate attribute ${attr} in <${name}>`);
        seen.add(attr);
        const close = xml.indexOf(quote, eq.lastIndex);
        const value = xml.slice(eq.lastIndex, close);
        if (value.includes("<")) problems.push(`< in attribute ${attr} of <${name}>`);
        checkAmpersands(value, `attribute ${attr}`, problems);
        j = close + 1;
      }
      const selfClosing = xml.startsWith("/>", j);
      if (!stack.length) roots++;
      if (!selfClosing) stack.push(name);
      i = j + (selfClosing ? 2 : 1);
    }
  }
  if (stack.length) problems.push(`unclosed elements: ${stack.join(" > ")}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** Decodes the predefined and numeric XML entities. */
export function decodeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e.startsWith("#x")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(Number(e.slice(1)));
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[e];
  });
}

/**
 * The text Graphviz drew in each node, by node name (its `<title>`): the node's `<text>` lines,
 * decoded and joined with single spaces.
 * @param svg an SVG document from Graphviz
 */
export function svgNodeTexts(svg: string): Map<string, string> {
  const nodes = new Map<string, string>();
  const groups = svg.split(/<g id="(?:node|edge)\d+" class="(?=node|edge)/).slice(1);
  for (const group of groups) {
    if (!group.startsWith("node")) continue;
    const title = /<title>([\s\S]*?)<\/title>/.exec(group)?.[1];
    if (title === undefined) continue;
    const lines = [...group.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
      decodeXml(m[1]),
    );
    nodes.set(decodeXml(title), lines.join(" "));
  }
  return nodes;
}

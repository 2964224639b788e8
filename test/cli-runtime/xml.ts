// A strict little XML parser for checking the JUnit report is well-formed: one root element,
// balanced and properly nested tags, quoted attributes without duplicates, only the five named
// entities and numeric character references, and only characters XML 1.0 allows. Throws on the
// first problem; returns the element tree with entities decoded.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const XML_CHAR = /^[\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

function decode(text: string, at: number): string {
  if (text.includes("<")) throw new Error(`raw < at ${at}`);
  return text.replace(/&([^;]*);|&/g, (_whole, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare & at ${at}`);
    if (ref in ENTITIES) return ENTITIES[ref];
    const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
    if (!m) throw new Error(`unknown entity &${ref}; at ${at}`);
    const code = m[1] ? parseInt(m[1], 16) : parseInt(m[2], 10);
    const char = String.fromCodePoint(code);
    if (!XML_CHAR.test(char))
      throw new Error(`character reference to a non-XML character at ${at}`);
    return char;
  });
}

export function parseXml(source: string): XmlElement {
  if (!XML_CHAR.test(source)) throw new Error("the document holds characters XML does not allow");
  let i = 0;
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i])) i++;
  };
  if (source.startsWith("<?xml")) {
    const end = source.indexOf("?>");
    if (end < 0) throw new Error("unclosed XML declaration");
    i = end + 2;
  }
  skipSpace();
  const element = (): XmlElement => {
    if (source[i] !== "<") throw new Error(`expected < at ${i}`);
    i++;
    const name = NAME.exec(source.slice(i))?.[0];
    if (!name) throw new Error(`expected an element name at ${i}`);
    i += name.length;
    const node: XmlElement = { name, attributes: {}, children: [], text: "" };
    for (;;) {
      const before = i;
      skipSpace();
      if (source.startsWith("/>", i)) {
        i += 2;
        return node;
      }
      if (source[i] === ">") {
        i++;
        break;
      }
      if (i === before) throw new Error(`expected whitespace before an attribute at ${i}`);
      const attr = NAME.exec(source.slice(i))?.[0];
      if (!attr) throw new Error(`expected an attribute name at ${i}`);
      i += attr.length;
      if (source[i] !== "=") throw new Error(`expected = at ${i}`);
      i++;
      const quote = source[i];
      if (quote !== '"' && quote !== "'") throw new Error(`expected a quoted value at ${i}`);
      const end = source.indexOf(quote, i + 1);
      if (end < 0) throw new Error(`unclosed attribute value at ${i}`);
      if (attr in node.attributes) throw new Error(`duplicate attribute ${attr} at ${i}`);
      node.attributes[attr] = decode(source.slice(i + 1, end), i);
      i = end + 1;
    }
    for (;;) {
      const next = source.indexOf("<", i);
      if (next < 0) throw new Error(`unclosed element <${name}>`);
      node.text += decode(source.slice(i, next), i);
      i = next;
      if (source.startsWith("</", i)) {
        i += 2;
        if (!source.startsWith(name, i))
          throw new Error(`mismatched closing tag at ${i}, expected </${name}>`);
        i += name.length;
        skipSpace();
        if (source[i] !== ">") throw new Error(`expected > at ${i}`);
        i++;
        return node;
      }
      node.children.push(element());
    }
  };
  const root = element();
  skipSpace();
  if (i !== source.length) throw new Error(`content after the root element at ${i}`);
  return root;
}

/** Every element named `name` in the tree, depth first. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  return [...(root.name === name ? [root] : []), ...root.children.flatMap((c) => findAll(c, name))];
}

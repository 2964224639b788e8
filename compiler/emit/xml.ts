// XML text for the targets that write XML (salesforce): the one escaping function for element
// text and attribute values, and the document prolog.

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // As character references, so no parser normalises them (attribute values turn raw line
  // breaks and tabs into spaces; every parser turns a raw \r\n into \n).
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/**
 * Escapes text for XML 1.0, in element text and in (single- or double-quoted) attribute values.
 * Characters XML 1.0 cannot hold at all (control characters, lone surrogates, U+FFFE/U+FFFF)
 * become U+FFFD, the replacement character: no entity can write them.
 * @param text plain text from the funnel
 * @returns XML that a parser reads back as `text` (replacements aside)
 */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"'\t\n\r]|[^\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu,
    (c) => ENTITIES[c] ?? "\uFFFD",
  );
}

/** The prolog every XML file of a target starts with. */
export const XML_PROLOG = '<?xml version="1.0" encoding="UTF-8"?>';
